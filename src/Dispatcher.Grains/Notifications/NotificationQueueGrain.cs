using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Notifications;
using Dispatcher.Grains.Hosting;
using Dispatcher.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace Dispatcher.Grains.Notifications;

/// <summary>
/// One partition of the citizen-notification outbox (ADR-026). <see cref="Enqueue"/> returns once
/// the notifications are stored, so the case grain can drop them from its own outbox; sending happens
/// afterwards on a timer, never on a case's call path, so a slow or dead gateway cannot hold up a
/// case. Failed sends are retried with doubling back-off until delivered, refused as malformed, or
/// given up after <see cref="NotificationOptions.GiveUpAfter"/> — each outcome counted. A reminder
/// brings the partition back after its silo died while notifications were pending.
/// </summary>
// Reentrant: sends await the network, and enqueues (from case grains) must not wait for them.
// Every write goes through one group commit, so two writes never race on the ETag.
[Reentrant]
public sealed class NotificationQueueGrain(
    [PersistentState("notification-queue", DispatcherNames.Storage)] IPersistentState<NotificationQueueState> state,
    IEnumerable<INotificationSender> senders,
    IOptions<NotificationOptions> options,
    DeepCopier<NotificationQueueState> copier,
    TimeProvider clock,
    ILogger<NotificationQueueGrain> logger) : Grain, INotificationQueueGrain, IRemindable
{
    private const string Watchdog = "notification-watchdog";
    private readonly NotificationOptions _options = options.Value;
    private readonly Dictionary<NotificationChannel, INotificationSender> _senders = senders.ToDictionary(s => s.Channel);
    private NotificationQueueState _working = null!;
    private HashSet<string> _known = null!;
    private GroupCommit<bool> _writes = null!;
    private IGrainTimer? _pump;
    private bool _pumping;
    private bool _watchdogRegistered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _working = copier.Copy(state.State);
        _known = [.. _working.Recent, .. _working.Pending.Select(p => p.Notification.Id)];
        _writes = GroupCommit<bool>.ForGrain(Write);
        if (_working.Pending.Count > 0) StartPump();
        return Task.CompletedTask;
    }

    public async Task Enqueue(IReadOnlyList<CitizenNotification> notifications)
    {
        if (_writes.Failure is { } broken) throw new InvalidOperationException("The notification queue's storage write failed; retry.", broken);
        var now = clock.GetUtcNow();
        var added = false;
        foreach (var n in notifications)
        {
            if (!_known.Add(n.Id)) continue;
            _working.Pending.Add(new QueuedNotification { Notification = n, NextAttemptAt = now });
            added = true;
        }
        // Ids seen before: stored once the write in flight (if any) is.
        if (!added) { await _writes.WhenWritten(); return; }
        await _writes.Submit(true);
        await EnsureWatchdog();
        StartPump();
    }

    public Task<NotificationQueueStats> Stats() => Task.FromResult(new NotificationQueueStats(_working.Pending.Count, _working.Delivered,
        _working.Rejected, _working.GivenUp, _working.FailedAttempts,
        _working.Pending.Count == 0 ? null : _working.Pending.Min(p => p.Notification.CreatedAt)));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Watchdog) return;
        _watchdogRegistered = true;
        if (_working.Pending.Count > 0) { StartPump(); return; }
        if (await this.GetReminder(Watchdog) is { } reminder) await this.UnregisterReminder(reminder);
        _watchdogRegistered = false;
    }

    private async Task EnsureWatchdog()
    {
        if (_watchdogRegistered) return;
        await this.RegisterOrUpdateReminder(Watchdog, _options.WatchdogPeriod, _options.WatchdogPeriod);
        _watchdogRegistered = true;
    }

    private void StartPump() => _pump ??= this.RegisterGrainTimer(_ => Pump(),
        new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = _options.PumpInterval, KeepAlive = true, Interleave = true });

    /// <summary>Sends what is due, at most <see cref="NotificationOptions.MaxConcurrentSends"/> at a time, then stores the outcomes.</summary>
    private async Task Pump()
    {
        if (_pumping) return;
        _pumping = true;
        try
        {
            var now = clock.GetUtcNow();
            var due = _working.Pending.Where(p => p.NextAttemptAt <= now).Take(_options.MaxConcurrentSends * 4).ToList();
            if (due.Count > 0)
            {
                using var gate = new SemaphoreSlim(_options.MaxConcurrentSends);
                var results = await Task.WhenAll(due.Select(async item =>
                {
                    await gate.WaitAsync();
                    try { return (item, result: await Attempt(item)); }
                    finally { gate.Release(); }
                }));
                foreach (var (item, result) in results) Record(item, result, clock.GetUtcNow());
                await _writes.Submit(true);
            }
            if (_working.Pending.Count == 0)
            {
                _pump?.Dispose();
                _pump = null;
            }
        }
        catch (Exception ex)
        {
            logger.NotificationPumpFailed(ex, this.GetPrimaryKeyString());
        }
        finally
        {
            _pumping = false;
        }
    }

    /// <summary>null: failed this time (the error is on the item).</summary>
    private async Task<DeliveryResult?> Attempt(QueuedNotification item)
    {
        var n = item.Notification;
        if (!_senders.TryGetValue(n.Channel, out var sender))
        {
            item.LastError = $"no {n.Channel} sender is configured";
            return null;
        }
        try
        {
            return await sender.Send(n, CancellationToken.None);
        }
        catch (Exception ex)
        {
            item.LastError = ex.GetType().Name;
            logger.NotificationAttemptFailed(n.Id, n.Channel, item.FailedAttempts + 1, ex.GetType().Name);
            return null;
        }
    }

    private void Record(QueuedNotification item, DeliveryResult? result, DateTimeOffset now)
    {
        var id = item.Notification.Id;
        switch (result)
        {
            case DeliveryResult.Delivered:
                _working.Delivered++;
                break;
            case DeliveryResult.Rejected:
                _working.Rejected++;
                logger.NotificationRejected(id, item.Notification.Channel);
                break;
            default:
                _working.FailedAttempts++;
                item.FailedAttempts++;
                if (now - item.Notification.CreatedAt < _options.GiveUpAfter)
                {
                    item.NextAttemptAt = now + _options.RetryDelay(item.FailedAttempts);
                    return;
                }
                _working.GivenUp++;
                logger.NotificationGivenUp(id, item.Notification.Channel, item.FailedAttempts, item.LastError);
                break;
        }
        _working.Pending.Remove(item);
        _working.Finished(id);
    }

    /// <summary>Stores a copy: the grain is reentrant, so enqueues may change the working state while the provider serializes.</summary>
    private async Task Write(IReadOnlyList<bool> _)
    {
        try
        {
            state.State = copier.Copy(_working);
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
