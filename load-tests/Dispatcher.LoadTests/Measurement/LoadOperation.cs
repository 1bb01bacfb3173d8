namespace Dispatcher.LoadTests.Measurement;

/// <summary>One operation under load: returns normally on success, throws on error.</summary>
public delegate ValueTask LoadOperation(long index, CancellationToken cancellationToken);
