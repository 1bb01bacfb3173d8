using System.Threading.Channels;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatcher.DepartmentConnector;

/// <summary>
/// A department system's loop. Stream events only say "look at case X"; the case itself decides
/// what to do, and the department inbox is reconciled at start, after every reconnect and
/// periodically, so cases that arrived while the connector was offline (or whose event was lost)
/// are handled too. Work runs one item at a time, so the stream and a reconciliation never race
/// on one case; each (case, assignment) is handled once per process, and the acknowledgement
/// carries a deterministic request id, so even a second process acknowledges nothing twice.
/// </summary>
public sealed class DepartmentWorker(DispatcherClient client, ConnectorSettings settings, HandledLog handled, ILogger<DepartmentWorker>? logger = null)
    : IAsyncDisposable
{
    private abstract record Work;
    private sealed record Look(string CaseId) : Work;
    private sealed record Reconcile : Work;

    private static readonly CaseAction[] Assigning = [CaseAction.Route, CaseAction.Dispatch, CaseAction.Reopen];

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<HandledCase> _handled = [];
    private readonly CancellationTokenSource _stop = new();
    private IAsyncDisposable? _subscription;
    private Task? _loop, _timer;
    private int _reconciliations;

    /// <summary>Raised after each case is handled (the console prints it).</summary>
    public event Action<HandledCase>? CaseHandled;

    /// <summary>What this worker instance has handled, in order.</summary>
    public IReadOnlyList<HandledCase> Handled { get { lock (_handled) return _handled.ToArray(); } }

    /// <summary>Completed inbox reconciliations (start, reconnects, timer).</summary>
    public int Reconciliations => Volatile.Read(ref _reconciliations);

    /// <summary>Subscribes first, then reconciles, so nothing falls between the inbox read and the stream.</summary>
    public async Task StartAsync()
    {
        if (_loop is not null) throw new InvalidOperationException("The worker is already started.");
        _subscription = await client.SubscribeToDepartment(settings.Department, OnEvent, RequestReconciliation);
        _loop = Task.Run(RunLoop);
        await RequestReconciliation();
        _timer = Task.Run(ReconcilePeriodically);
    }

    /// <summary>Asks for a full inbox reconciliation (also what a reconnect triggers).</summary>
    public Task RequestReconciliation()
    {
        _work.Writer.TryWrite(new Reconcile());
        return Task.CompletedTask;
    }

    private Task OnEvent(DepartmentEvent e)
    {
        WorkerLog.Event(_logger, e.DepartmentId, e.Kind, e.CaseId, e.Sequence);
        if (e.Kind is DepartmentNoticeKind.Assigned or DepartmentNoticeKind.ArbitrationRuling or DepartmentNoticeKind.Reopened)
            _work.Writer.TryWrite(new Look(e.CaseId));
        return Task.CompletedTask;
    }

    private async Task RunLoop()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            if (_stop.IsCancellationRequested) return;
            try
            {
                if (work is Look look) await Handle(look.CaseId, HandledVia.Stream);
                else await ReconcileInbox();
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested)
            {
                // Left unhandled: the next reconciliation (timer or reconnect) picks it up again.
                WorkerLog.WorkFailed(_logger, ex, settings.Department, work.ToString());
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ReconcileInbox()
    {
        var inbox = await client.GetInbox(settings.Department);
        foreach (var item in inbox.Where(i => NeedsAcknowledging(i.Status)))
        {
            if (_stop.IsCancellationRequested) return;
            await Handle(item.CaseId, HandledVia.Reconciliation);
        }
        Interlocked.Increment(ref _reconciliations);
        WorkerLog.Reconciled(_logger, settings.Department, inbox.Count);
    }

    private async Task Handle(string caseId, HandledVia via)
    {
        var view = await client.GetCase(caseId);
        if (view.DepartmentId != settings.Department || !NeedsAcknowledging(view.Status)) return;
        var assignment = view.History.Last(h => h.DepartmentId == settings.Department && Assigning.Contains(h.Action)).Sequence;
        if (handled.Contains(caseId, assignment)) return;

        var outcome = settings.AutoAcknowledge ? await Acknowledge(caseId, assignment) : "received (auto-acknowledge is off)";
        handled.Add(caseId, assignment);
        var record = new HandledCase(caseId, assignment, outcome, via);
        lock (_handled) _handled.Add(record);
        CaseHandled?.Invoke(record);
    }

    /// <summary>The request id is a function of (department, case, assignment): a repeat anywhere is a no-op on the grain.</summary>
    private async Task<string> Acknowledge(string caseId, long assignment)
    {
        var requestId = $"connector:{settings.Department}:{caseId}:ack:{assignment}";
        try
        {
            var result = await client.Acknowledge(caseId, settings.Actor, "acknowledged by the department connector", requestId);
            return result.Action == CaseAction.Acknowledge ? "acknowledged" : $"not acknowledged ({result.Action})";
        }
        catch (Exception ex) when (ex is IllegalTransitionException or ForbiddenActionException)
        {
            // The case moved on between the read and the command (returned, re-dispatched): nothing to do.
            return $"skipped: {ex.Message}";
        }
    }

    private static bool NeedsAcknowledging(CaseStatus status) => status is CaseStatus.Dispatched or CaseStatus.Reopened;

    private async Task ReconcilePeriodically()
    {
        using var timer = new PeriodicTimer(settings.ReconcileEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await RequestReconciliation();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Unsubscribes, lets the case in hand finish, and drops queued work (the next start reconciles).</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        if (_subscription is not null) await _subscription.DisposeAsync();
        _work.Writer.TryComplete();
        if (_loop is not null) await _loop;
        if (_timer is not null) await _timer;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Department {DepartmentId}: {Kind} of case {CaseId} (#{Sequence})")]
    public static partial void Event(ILogger logger, string departmentId, DepartmentNoticeKind kind, string caseId, long sequence);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Department {DepartmentId}: inbox reconciled ({Open} open cases)")]
    public static partial void Reconciled(ILogger logger, string departmentId, int open);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Department {DepartmentId}: {Work} failed; the next reconciliation retries it")]
    public static partial void WorkFailed(ILogger logger, Exception ex, string departmentId, string? work);
}
