namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// The cluster's one deadline scanner (key 0, ADR-012): wakes the cases whose next deadline event
/// has come, as the case index records it. Every silo calls <see cref="Start"/> at start-up.
/// </summary>
[Alias("dispatcher.IDeadlineScannerGrain")]
public interface IDeadlineScannerGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the scanner runs (idempotent).</summary>
    [Alias("Start")] Task Start();
    /// <summary>Scans this activation has finished: lets operators and tests see the scanner is running.</summary>
    [Alias("CompletedScans")] Task<long> CompletedScans();
}
