using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Grains.Hosting;
using Dispatcher.Grains.Shared;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// Drives the deadlines of one bucket of cases from the case index (ADR-012, ADR-030): every
/// <see cref="DeadlineOptions.ScanInterval"/> it asks the index for the bucket's cases whose wake
/// time has passed and calls <see cref="ICaseGrain.Wake"/> on each, which fires what is due and
/// stores the next wake time with the case's index row. Its own reminder brings the bucket back on
/// another silo if its silo dies; the timer does the frequent work. A bucket lives on silo
/// (bucket mod active silos) of the silos in address order: at each reminder tick a bucket on
/// another silo migrates there, so a silo that joins later takes its share and adds deadline capacity.
/// </summary>
[RandomPlacement]
public sealed class DeadlineBucketGrain(
    ICaseIndex index,
    TimeProvider clock,
    IOptions<DeadlineOptions> options,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    GrainReferences grains,
    ILogger<DeadlineBucketGrain> logger) : Grain, IDeadlineBucketGrain, IRemindable
{
    private const string KeepAliveReminder = "deadline-bucket";
    private const int PageSize = 1000;
    /// <summary>Pages per scan: a backlog (after an outage) is worked off over a few scans, never in one endless loop.</summary>
    private const int MaxPagesPerScan = 20;
    /// <summary>Cases one bucket wakes at once; with 16 buckets the cluster has a few hundred wakes in flight, not a flood.</summary>
    private const int Parallelism = 16;
    private IGrainTimer? _timer;
    private long _completedScans;

    private DeadlineBucket Bucket => new((int)this.GetPrimaryKeyLong(), options.Value.Buckets);

    /// <summary>Any activation of a bucket that exists scans: after a start, a reminder, a migration or a status call.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Bucket.Exists) EnsureTimer();
        return Task.CompletedTask;
    }

    public async Task Start()
    {
        if (!Bucket.Exists)
        {
            await Retire();
            return;
        }
        var period = options.Value.MinimumReminderPeriod;
        await this.RegisterOrUpdateReminder(KeepAliveReminder, period, period);
    }

    public Task<DeadlineBucketStatus> Status() => Task.FromResult(new DeadlineBucketStatus(silo.SiloAddress.ToString(), _completedScans));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Bucket.Exists)
        {
            await Retire();
            return;
        }
        if (Home() is { } home && !home.Equals(silo.SiloAddress))
        {
            // The new activation on the home silo starts its own timer (OnActivateAsync).
            RequestContext.Set(IPlacementDirector.PlacementHintKey, home);
            MigrateOnIdle();
        }
    }

    /// <summary>The silo this bucket belongs on among the active ones; null when the membership view is empty.</summary>
    private SiloAddress? Home()
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress).Order().ToArray();
        return active.Length == 0 ? null : active[Bucket.Index % active.Length];
    }

    /// <summary>
    /// A bucket left over from a larger bucket count: its slots now belong to the buckets that exist
    /// (the index keeps every wake time by slot), so it drops its reminder and goes.
    /// </summary>
    private async Task Retire()
    {
        logger.BucketRetired(Bucket.Index, Bucket.Count);
        if (await this.GetReminder(KeepAliveReminder) is { } reminder) await this.UnregisterReminder(reminder);
        _timer?.Dispose();
        _timer = null;
        DeactivateOnIdle();
    }

    private void EnsureTimer()
    {
        var interval = options.Value.ScanInterval;
        _timer ??= this.RegisterGrainTimer(_ => Scan(),
            new GrainTimerCreationOptions { DueTime = interval, Period = interval, KeepAlive = true, Interleave = false });
    }

    /// <summary>Timer ticks do not interleave, so two scans of a bucket never run at once.</summary>
    private async Task Scan()
    {
        var bucket = Bucket;
        try
        {
            var now = clock.GetUtcNow();
            for (var page = 0; page < MaxPagesPerScan; page++)
            {
                var due = await index.DueForWake(bucket, now, PageSize);
                await WakeAll(due);
                if (due.Count < PageSize) break;
            }
            _completedScans++;
        }
        catch (Exception ex)
        {
            // The index is unreachable (database down): the next scan tries again; nothing is lost
            // because the wake times stay in the index.
            logger.ScanFailed(ex, bucket.Index, options.Value.ScanInterval);
        }
    }

    /// <summary>
    /// Keeps <see cref="Parallelism"/> wakes in flight: a slow wake (an activation's read, a GC pause)
    /// holds one slot instead of stalling a whole chunk of them.
    /// </summary>
    private async Task WakeAll(IReadOnlyList<string> due)
    {
        var inFlight = new List<Task>(Parallelism);
        foreach (var caseId in due)
        {
            if (inFlight.Count == Parallelism) inFlight.Remove(await Task.WhenAny(inFlight));
            inFlight.Add(Wake(caseId));
        }
        await Task.WhenAll(inFlight);
    }

    private async Task Wake(string caseId)
    {
        try
        {
            await grains.Get<ICaseGrain>(caseId).Wake();
        }
        catch (Exception ex)
        {
            // The case stays due in the index and is woken by a later scan.
            logger.WakeFailed(ex, caseId);
        }
    }
}
