using Dispatcher.Agents;
using Dispatcher.Cases;
using Dispatcher.Departments;
using Dispatcher.Errors;
using Dispatcher.Routing;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// One case. Each command: decide (CaseWorkflow) → write state with its outbox → deliver the
/// outbox to departments, triage and the case index. A failed write deactivates the grain so the
/// next call starts again from what storage really holds.
/// </summary>
public sealed class CaseGrain(
    [PersistentState("case", DispatcherNames.Storage)] IPersistentState<CaseState> state,
    CaseWorkflow workflow,
    ICaseIndex index,
    TimeProvider clock,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain
{
    private CaseState Case => state.State;
    private bool _indexDirty;
    private IGrainTimer? _retry;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A previous activation may have died between its write and its deliveries (or its index
        // update): deliver what is pending and re-assert the index row, which is idempotent.
        if (Case.Exists)
        {
            _indexDirty = true;
            await TryDeliverOutbox();
        }
    }

    public async Task<CaseReceipt> Submit(SubmitCase command)
    {
        if (Case.Exists)
        {
            await TryDeliverOutbox();
            return Receipt(created: false);
        }

        var id = this.GetPrimaryKeyString();
        var now = clock.GetUtcNow();
        var intake = command.Intake;
        var decision = intake is null
            ? new RoutingDecision(null, null, 0)
            : await GrainFactory.GetGrain<IRouterGrain>(0).Route(intake.Category, intake.District, intake.Attributes ?? [], now);
        var outcome = workflow.Submit(Case, id, command, decision, now);
        await Persist(outcome);
        logger.CaseReceived(id, intake!.Category, intake.District, Case.DepartmentId ?? "triage", Case.RuleId);

        if (command.Actor.Kind == ActorKind.Agent)
            await GrainFactory.GetGrain<IAgentGrain>(command.Actor.Id).RecordCaseTaken(id);
        return Receipt(created: true);
    }

    public Task<TransitionResult> Acknowledge(CaseCommand c) => Run(CaseAction.Acknowledge, c);
    public Task<TransitionResult> Start(CaseCommand c) => Run(CaseAction.Start, c);
    public Task<TransitionResult> Reply(CaseCommand c) => Run(CaseAction.Reply, c);
    public Task<TransitionResult> Resolve(CaseCommand c) => Run(CaseAction.Resolve, c);
    public Task<TransitionResult> Return(CaseCommand c) => Run(CaseAction.Return, c);
    public Task<TransitionResult> Close(CaseCommand c) => Run(CaseAction.Close, c);
    public Task<TransitionResult> Reopen(CaseCommand c) => Run(CaseAction.Reopen, c);
    public Task<TransitionResult> Dispatch(DispatchCommand c) => Run(CaseAction.Dispatch, new CaseCommand(c.RequestId, c.Actor, c.Reason), c.DepartmentId);

    public Task<CaseView> Get() =>
        Case.Exists ? Task.FromResult(Case.ToView()) : throw new CaseNotFoundException(this.GetPrimaryKeyString());

    private async Task<TransitionResult> Run(CaseAction action, CaseCommand command, string? targetDepartment = null)
    {
        if (!Case.Exists) throw new CaseNotFoundException(this.GetPrimaryKeyString());
        await DeliverOutbox();
        var outcome = workflow.Apply(Case, action, command.Actor, command.RequestId, command.Text, clock.GetUtcNow(), targetDepartment);
        if (!outcome.Repeated)
        {
            await Persist(outcome);
            logger.CaseTransition(Case.Id, outcome.Entry.Action, outcome.Entry.From, outcome.Entry.To, command.Actor.Kind);
        }
        var e = outcome.Entry;
        return new TransitionResult(Case.Id, e.Sequence, e.Action, e.From, e.To, e.At, e.DepartmentId);
    }

    private async Task Persist(CaseOutcome outcome)
    {
        Case.Outbox.AddRange(outcome.Notices);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory state is ahead of storage now; drop it and reload on the next call.
            DeactivateOnIdle();
            throw;
        }
        _indexDirty = true;
        await TryDeliverOutbox();
    }

    /// <summary>
    /// The transition is stored, so the command has succeeded even if a receiver is unreachable
    /// right now: the outbox keeps the notices and a timer retries until they are delivered.
    /// </summary>
    private async Task TryDeliverOutbox()
    {
        try
        {
            await DeliverOutbox();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception ex)
        {
            logger.OutboxDeliveryFailed(ex, Case.Id, Case.Outbox.Count);
            _retry ??= this.RegisterGrainTimer(_ => TryDeliverOutbox(),
                new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(2), Period = TimeSpan.FromSeconds(5), KeepAlive = true });
        }
    }

    /// <summary>Delivers pending notices in order; each receiver ignores what it has already applied.</summary>
    private async Task DeliverOutbox()
    {
        while (Case.Outbox.Count > 0)
        {
            var pending = Case.Outbox[0];
            if (pending.DepartmentId == DispatcherNames.TriageTarget)
            {
                var triage = GrainFactory.GetGrain<ITriageQueueGrain>(DispatcherNames.SingletonKey);
                await (pending.Notice.Kind == DepartmentNoticeKind.Withdrawn ? triage.Remove(Case.Id) : triage.Add(Case.Id, pending.Notice.At));
            }
            else
            {
                await GrainFactory.GetGrain<IDepartmentGrain>(pending.DepartmentId).Apply(pending.Notice);
            }
            Case.Outbox.RemoveAt(0);
        }
        if (_indexDirty)
        {
            await index.Upsert(ToIndexRow());
            _indexDirty = false;
        }
    }

    private CaseIndexRow ToIndexRow() => new(Case.Id, Case.Intake!.Category, Case.Intake.District, Case.DepartmentId, Case.Status,
        Case.Intake.Priority, Case.Intake.Channel, Case.CreatedAt, Case.UpdatedAt, null, Case.Returns, Case.Reopens, Case.LastSequence);

    private CaseReceipt Receipt(bool created) => new(Case.Id, Case.Status, Case.DepartmentId, Case.RuleId, created, Case.CreatedAt);
}
