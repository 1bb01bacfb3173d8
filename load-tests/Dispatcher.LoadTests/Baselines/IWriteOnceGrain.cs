namespace Dispatcher.LoadTests.Baselines;

/// <summary>Activates a brand-new grain and writes its state once: the "new grain + state write" limit.</summary>
[Alias("loadtests.IWriteOnceGrain")]
public interface IWriteOnceGrain : IGrainWithStringKey
{
    [Alias("Write")] Task Write(string payload);
}
