using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Grains.Notifications;
using Dispatcher.Grains.Shared;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// One case (split by concern: CaseGrain.Intake.cs, CaseGrain.Outbox.cs). Intake: the IntakePlanner validates and picks the path, the grain looks up what it
/// needs and performs it. Each command: fire any deadline events that are due → decide (CaseWorkflow) → write
/// state with its outbox → deliver the outbox to departments, queues and the case index, whose row
/// carries the next deadline event for the deadline scanner (ADR-012). A failed write deactivates
/// the grain so the next call starts again from what storage really holds.
/// </summary>
// An open case waits minutes to days for its department and needs no activation meanwhile (its
// deadlines are in the case index, ADR-012): idle cases leave memory after 2 minutes instead of
// Orleans' default 15, so a surge of 2,500 cases/s does not hold millions of activations.
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class CaseGrain(
    IGrainContext context,
    IntakePlanner planner,
    CaseWorkflow workflow,
    ICaseIndex index,
    CaseIndexWriting indexWriting,
    CitizenNotifier citizen,
    GrainReferences grains,
    TimeProvider clock,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain, IRemindable, IIncomingGrainCallFilter
{
    /// <summary>Before ADR-012 each case had a reminder of this name; one still registered fires once more and is removed.</summary>
    private const string LegacyDeadlineReminder = "deadlines";
    private readonly CaseStateStore state = new(context);
    private CaseState Case => state.State;
    private bool _indexDirty;
    private IGrainTimer? _retry;
    /// <summary>The last history sequence in storage: entries after it are this write's, and may notify the citizen.</summary>
    private long _storedSequence;

    /// <summary>
    /// Every call, reminders included, runs on a ready state: read on the activation's first call,
    /// except an intake under a freshly drawn id, which starts empty without a read (ADR-033). Once
    /// the state is ready a call goes straight on, without a state machine of its own.
    /// </summary>
    public Task Invoke(IIncomingGrainCallContext call) => state.Ready ? call.Invoke() : PrepareAndInvoke(call);

    private async Task PrepareAndInvoke(IIncomingGrainCallContext call)
    {
        var fresh = call.Request.GetArgumentCount() == 1 && call.Request.GetArgument(0) is SubmitCase { FreshId: true };
        await state.Prepare(fresh);
        await OnStateReady();
        await call.Invoke();
    }

    /// <summary>Reads the stored state now (a keyed first try, ADR-036) and runs what a first read runs.</summary>
    private async Task ReloadState()
    {
        await state.Reload();
        await OnStateReady();
    }

    private async Task OnStateReady()
    {
        _storedSequence = Case.LastSequence;
        // A previous activation may have died between its write and its deliveries (or its index
        // update): deliver what is pending and re-assert the index row, which is idempotent.
        if (Case.Exists)
        {
            _indexDirty = true;
            await TryDeliverOutbox();
        }
    }

    public Task<TransitionResult> PartnerOutcome(PartnerOutcomeCommand c) =>
        Run(new CaseCommand(c.RequestId, c.Actor, c.Note), now => workflow.PartnerOutcome(Case, c.Actor, c.RequestId, c.Resolved, c.Note, now));

    public Task<TransitionResult> Claim(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Claim, c.Actor, c.RequestId, c.Text, now));

    public Task<TransitionResult> Acknowledge(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Acknowledge, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Start(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Start, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Reply(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Reply, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Resolve(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Resolve, c.Actor, c.RequestId, c.Text, now, reason: c.Reason));
    public Task<TransitionResult> Return(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Return, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Close(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Close, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Reopen(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Reopen, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Dispatch(DispatchCommand c) =>
        Run(new CaseCommand(c.RequestId, c.Actor, c.Reason), now => workflow.Apply(Case, CaseAction.Dispatch, c.Actor, c.RequestId, c.Reason, now, c.DepartmentId, c.RecordAsRule, c.CoDepartments));
    public Task<TransitionResult> Callback(CallbackCommand c) =>
        Run(new CaseCommand(c.RequestId, c.Actor, c.Note), now => workflow.Callback(Case, c.Actor, c.RequestId, c.Satisfaction, c.Note, now));

    public Task<TransitionResult> CoPart(CoPartCommand c) => Run(new CaseCommand(c.RequestId, c.Actor, c.Text), now => workflow.CoPart(Case, c, now));

    public Task<CaseView> Get() =>
        Case.Exists ? Task.FromResult(Case.ToView()) : throw new CaseNotFoundException(this.GetPrimaryKeyString());

    public async Task Reconcile()
    {
        if (!Case.Exists) return;
        _indexDirty = true;
        await TryDeliverOutbox();
    }

    public Task<PublicCaseStatus?> GetPublicStatus(string phoneLastFour)
    {
        return Task.FromResult(Case.Exists && Case.HasReporterPhoneEndingIn(phoneLastFour) ? Case.ToPublic() : null);
    }

    /// <summary>Called by the deadline scanner when the case's wake time has come: fires what is due.</summary>
    public async Task Wake()
    {
        if (!Case.Exists) return;
        if (workflow.Tick(Case, clock.GetUtcNow()) is { } outcome)
        {
            await Persist(outcome);
            return;
        }
        // Nothing was due (another silo's clock, or an index row older than the case): re-assert the
        // row so it carries the case's real next wake time.
        _indexDirty = true;
        await TryDeliverOutbox();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != LegacyDeadlineReminder) return;
        if (await this.GetReminder(LegacyDeadlineReminder) is { } legacy) await this.UnregisterReminder(legacy);
        await Wake();
    }

    private async Task<TransitionResult> Run(CaseCommand command, Func<DateTimeOffset, CaseOutcome> decide)
    {
        if (!Case.Exists) throw new CaseNotFoundException(this.GetPrimaryKeyString());
        await DeliverOutbox();
        var now = clock.GetUtcNow();
        // Deadlines that passed before this command are recorded first, so history stays in time order.
        if (workflow.Tick(Case, now) is { } due) await Persist(due);
        var outcome = decide(now);
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
        Case.Outbox.AddRange(citizen.NoticesAfter(Case, _storedSequence));
        await state.Write(this);
        _storedSequence = Case.LastSequence;
        // In PostgreSQL mode the storage wrote the index row with the state (ADR-029).
        _indexDirty = !indexWriting.WithState;
        await TryDeliverOutbox();
    }
}
