using System.Collections.Concurrent;
using Dispatcher.LoadTests.Drivers;
using Dispatcher.LoadTests.Measurement;

namespace Dispatcher.LoadTests.Workload;

/// <summary>The intake operation of every scenario.</summary>
public static class IntakeOperation
{
    /// <summary>One case from the mix, its receipt handed to the department workers.</summary>
    public static LoadOperation Create(IDispatcherDriver driver, IntakeMix mix, IntakeCounters counters, DepartmentWork? work, double workShare,
        ConcurrentQueue<string>? accepted = null) => async (i, ct) =>
    {
        var (intake, consultation, answer) = mix.Next();
        var key = Guid.NewGuid().ToString("N");
        var planned = driver.PlanId(key, answer is not null);
        IntakeResult r;
        Interlocked.Increment(ref counters.InFlight);
        try { r = await driver.Submit(intake, key, planned, answer, ct); }
        catch
        {
            // The client saw an error, but the silo may still have taken the case: remember its id.
            if (planned is not null) counters.Uncertain.Enqueue(planned);
            throw;
        }
        finally { Interlocked.Decrement(ref counters.InFlight); }
        Interlocked.Increment(ref counters.Accepted);
        if (consultation) Interlocked.Increment(ref counters.Consultations);
        if (r.AnsweredAtFirstContact) Interlocked.Increment(ref counters.AnsweredAtFirstContact);
        else if (r.DepartmentId is null) Interlocked.Increment(ref counters.Triaged);
        else Interlocked.Increment(ref counters.Routed);
        accepted?.Enqueue(r.CaseId);
        if (work is not null && r.DepartmentId is not null && !consultation && Random.Shared.NextDouble() < workShare) work.Offer(r);
    };
}
