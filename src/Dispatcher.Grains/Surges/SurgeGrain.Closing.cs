using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Surges;

namespace Dispatcher.Grains.Surges;

/// <summary>Closing an incident: its cases resolved in batches with progress written after each, resumed by a reminder after a restart.</summary>
public sealed partial class SurgeGrain
{
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation already resumed a closing incident; a finished one drops its reminder.
        if (Surge.Status == SurgeStatus.Closing) StartClosing();
        else return DropReminder();
        return Task.CompletedTask;
    }

    private void StartClosing() => _closing ??= this.RegisterGrainTimer(_ => ResolveBatch(),
        new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = TimeSpan.FromMilliseconds(200), KeepAlive = true });

    /// <summary>Resolves the next batch of cases and records how far it got; the last batch closes the incident.</summary>
    private async Task ResolveBatch()
    {
        if (_working || Surge.Status != SurgeStatus.Closing) return;
        _working = true;
        try
        {
            var resolution = new SurgeResolution($"{Surge.Id}:{Surge.CloseRequestId}", Surge.ClosedBy!, Surge.Id, Surge.Outcome!);
            var end = Math.Min(Surge.ToResolve.Count, Surge.Resolved + options.Value.CloseBatch);
            var progress = Surge.Resolved;
            for (; progress < end; progress++)
            {
                var caseId = Surge.ToResolve[progress];
                try { await GrainFactory.GetGrain<ICaseGrain>(caseId).ResolveForSurge(resolution); }
                catch (DispatcherException ex)
                {
                    // A case that cannot take it (gone, or in a state that refuses) is skipped, not retried for ever.
                    logger.SurgeResolveFailed(ex, Surge.Id, caseId);
                }
                catch (Exception ex)
                {
                    logger.SurgeResolveFailed(ex, Surge.Id, caseId);
                    break;
                }
            }
            // Nothing done this round (a failure to retry); an incident with nothing to resolve still closes.
            if (progress == Surge.Resolved && Surge.ToResolve.Count > 0) return;
            Surge.Resolved = progress;
            if (Surge.Resolved >= Surge.ToResolve.Count)
            {
                Surge.Status = SurgeStatus.Closed;
                Surge.ClosedAt = clock.GetUtcNow();
                Audit(Surge.ClosedBy!, SurgeAudit.Closed(Surge.Id, Surge.Resolved));
            }
            await state.WriteOrReload(this);
            if (Surge.Status == SurgeStatus.Closed) await Finish();
        }
        finally
        {
            _working = false;
        }
    }

    private async Task Finish()
    {
        logger.SurgeClosed(Surge.Id, Surge.Resolved);
        await TryDeliverAudit();
        _closing?.Dispose();
        _closing = null;
        await TellRegistry();
        await DropReminder();
    }

    private async Task DropReminder()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }
}
