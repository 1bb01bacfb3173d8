using System.Collections.Concurrent;

namespace Dispatcher.LoadTests.Workload;

/// <summary>What the intake side counted (to check nothing is lost and counters do not drift).</summary>
public sealed class IntakeCounters
{
    public long Accepted, Consultations, AnsweredAtFirstContact, Routed, Triaged;
    /// <summary>Intakes sent and not yet answered (an open-loop run returns after its drain time even if some are still out).</summary>
    public long InFlight;
    /// <summary>Case ids of intakes that failed on the client side (timeouts): looked up in the silo by the counter check.</summary>
    public readonly ConcurrentQueue<string> Uncertain = new();
}
