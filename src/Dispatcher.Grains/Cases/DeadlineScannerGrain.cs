using Dispatcher.Abstractions.Cases;
using Dispatcher.Grains.Hosting;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// Drives every case's deadlines from the case index (ADR-012) instead of one reminder per case:
/// every <see cref="DeadlineOptions.ScanInterval"/> it asks the index for the cases whose wake time
/// has passed and calls <see cref="ICaseGrain.Wake"/> on each, which fires what is due and stores
/// the next wake time with the case's index row. A reminder (one for the whole cluster) brings the
/// scanner back on another silo if its silo dies; the timer does the frequent work.
/// </summary>
public sealed class DeadlineScannerGrain(
    ICaseIndex index,
    TimeProvider clock,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineScannerGrain> logger) : Grain, IDeadlineScannerGrain, IRemindable
{
    private const string KeepAliveReminder = "deadline-scanner";
    private const int PageSize = 1000;
    /// <summary>Pages per scan: a backlog (after an outage) is worked off over a few scans, never in one endless loop.</summary>
    private const int MaxPagesPerScan = 20;
    /// <summary>Cases woken at once: enough to keep the cluster busy, few enough not to flood it after an outage.</summary>
    private const int Parallelism = 32;
    private IGrainTimer? _timer;
    private long _completedScans;

    public async Task Start()
    {
        var period = options.Value.MinimumReminderPeriod;
        await this.RegisterOrUpdateReminder(KeepAliveReminder, period, period);
        EnsureTimer();
    }

    public Task<long> CompletedScans() => Task.FromResult(_completedScans);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        EnsureTimer();
        return Task.CompletedTask;
    }

    private void EnsureTimer()
    {
        var interval = options.Value.ScanInterval;
        _timer ??= this.RegisterGrainTimer(_ => Scan(),
            new GrainTimerCreationOptions { DueTime = interval, Period = interval, KeepAlive = true, Interleave = false });
    }

    /// <summary>Timer ticks do not interleave, so two scans never run at once.</summary>
    private async Task Scan()
    {
        try
        {
            var now = clock.GetUtcNow();
            for (var page = 0; page < MaxPagesPerScan; page++)
            {
                var due = await index.DueForWake(now, PageSize);
                foreach (var chunk in due.Chunk(Parallelism))
                    await Task.WhenAll(chunk.Select(Wake));
                if (due.Count < PageSize) break;
            }
            _completedScans++;
        }
        catch (Exception ex)
        {
            // The index is unreachable (database down): the next scan tries again; nothing is lost
            // because the wake times stay in the index.
            logger.LogWarning(ex, "Deadline scan failed; retrying in {Interval}", options.Value.ScanInterval);
        }
    }

    private async Task Wake(string caseId)
    {
        try
        {
            await GrainFactory.GetGrain<ICaseGrain>(caseId).Wake();
        }
        catch (Exception ex)
        {
            // The case stays due in the index and is woken by a later scan.
            logger.LogWarning(ex, "Waking case {CaseId} for its deadlines failed", caseId);
        }
    }
}
