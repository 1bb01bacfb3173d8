namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// One deadline bucket (key = bucket number, ADR-030): wakes the cases of its bucket whose next
/// deadline event has come, as the case index records it. Kept alive by its own reminder, driven by
/// its own timer, placed on any silo.
/// </summary>
[Alias("dispatcher.IDeadlineBucketGrain")]
public interface IDeadlineBucketGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the bucket's reminder and starts its timer (idempotent).</summary>
    [Alias("Start")] Task Start();
    /// <summary>Where the bucket runs and how many scans this activation finished: lets operators and tests see it is running.</summary>
    [Alias("Status")] Task<DeadlineBucketStatus> Status();
}

/// <summary>A bucket's activation: its silo and the scans it has finished.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.deadline-bucket-status")]
public sealed record DeadlineBucketStatus([Id(0)] string Silo, [Id(1)] long CompletedScans);
