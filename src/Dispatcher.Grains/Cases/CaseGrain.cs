using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Agents;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Discipline;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// One case. Intake: the IntakePlanner validates and picks the path, the grain looks up what it
/// needs and performs it. Each command: fire any deadline events that are due → decide (CaseWorkflow) → write
/// state with its outbox → deliver the outbox to departments, queues and the case index, whose row
/// carries the next deadline event for the deadline scanner (ADR-012). A failed write deactivates
/// the grain so the next call starts again from what storage really holds.
/// </summary>
// An open case waits minutes to days for its department and needs no activation meanwhile (its
// deadlines are in the case index, ADR-012): idle cases leave memory after 2 minutes instead of
// Orleans' default 15, so a surge of 2,500 cases/s does not hold millions of activations.
[CollectionAgeLimit(Minutes = 2)]
public sealed class CaseGrain(
    [PersistentState("case", DispatcherNames.Storage)] IPersistentState<CaseState> state,
    IntakePlanner planner,
    CaseWorkflow workflow,
    ICaseIndex index,
    TimeProvider clock,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain, IRemindable
{
    /// <summary>Before ADR-012 each case had a reminder of this name; one still registered fires once more and is removed.</summary>
    private const string LegacyDeadlineReminder = "deadlines";
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
            // A retry of an intake that was stored but not answered: the call-taker's figures may
            // not have heard of it yet (the agent ignores a case it already counted).
            await TryDeliverOutbox();
            if (command.Actor.Id == Case.TakenByAgent) await RecordAgentCall(command.Actor, command.CallStartedAt);
            return Receipt(created: false);
        }

        var id = this.GetPrimaryKeyString();
        var now = clock.GetUtcNow();
        var plan = planner.Plan(command, await LookUp(IntakePlanner.LookupsFor(command)), now);
        var accepted = plan.Accepted;
        switch (plan.Path)
        {
            case IntakePath.AnswerAtFirstContact answer:
                await Persist(workflow.SubmitAnswered(Case, id, accepted, answer, now));
                break;
            case IntakePath.TransferToPartner transfer:
                await Persist(workflow.SubmitTransferred(Case, id, accepted, transfer.Line, now));
                break;
            case IntakePath.JoinIncidentOrRoute join when await JoinedOpenCase(id, accepted, join.IncidentKey, now):
                break;
            default:
                await Route(id, accepted, now);
                break;
        }
        await RecordAgentCall(accepted.Actor, accepted.CallStartedAt);
        return Receipt(created: true);
    }

    /// <summary>What the planner asked to know: the origin line and the knowledge entry, each only when the intake names it.</summary>
    private async Task<IntakeFacts> LookUp(IntakeLookups lookups)
    {
        var line = lookups.OriginLineId is { } lineId
            ? await GrainFactory.GetGrain<IHotlineRegistryGrain>(DispatcherNames.SingletonKey).Find(lineId) : null;
        var answer = lookups.KnowledgeEntryId is { } entryId
            ? await GrainFactory.GetGrain<IKnowledgeBaseGrain>(DispatcherNames.SingletonKey).Find(entryId) : null;
        return new IntakeFacts(line, answer);
    }

    private async Task Route(string id, AcceptedIntake accepted, DateTimeOffset now)
    {
        var intake = accepted.Intake;
        var decision = await GrainFactory.GetGrain<IRouterGrain>(0).Route(intake.Category, intake.District, intake.Attributes, now);
        await Persist(workflow.Submit(Case, id, accepted, decision, now));
        logger.CaseReceived(id, intake.Category, intake.District, Case.DepartmentId ?? "triage", Case.RuleId);
    }

    public Task<TransitionResult> PartnerOutcome(PartnerOutcomeCommand c) =>
        Run(new CaseCommand(c.RequestId, c.Actor, c.Note), now => workflow.PartnerOutcome(Case, c.Actor, c.RequestId, c.Resolved, c.Note, now));

    private async Task RecordAgentCall(Actor actor, DateTimeOffset? callStartedAt)
    {
        if (actor.Kind != ActorKind.Agent) return;
        await GrainFactory.GetGrain<IAgentGrain>(actor.Id).RecordCaseTaken(Case.Id, IntakePlanner.HandlingTime(callStartedAt, Case.CreatedAt));
    }

    /// <summary>
    /// 并单: a report of the same category at the same place as a recent open case joins that case
    /// as another reporter. If that case no longer takes reporters, this one becomes the incident.
    /// </summary>
    private async Task<bool> JoinedOpenCase(string id, AcceptedIntake accepted, string incidentKey, DateTimeOffset now)
    {
        var i = accepted.Intake;
        var incident = GrainFactory.GetGrain<IIncidentGrain>(incidentKey);
        var primary = await incident.Claim(id, now, i.Address, i.Latitude, i.Longitude);
        if (primary is null) return false;
        var joined = await GrainFactory.GetGrain<ICaseGrain>(primary).AddReporter(new Reporter(id, i.Citizen, i.Channel, now));
        if (!joined)
        {
            await incident.Replace(primary, id, now, i.Address, i.Latitude, i.Longitude);
            return false;
        }
        await Persist(workflow.SubmitMerged(Case, id, accepted, primary, now));
        return true;
    }

    public async Task<bool> AddReporter(Reporter reporter)
    {
        var outcome = workflow.AddReporter(Case, reporter, clock.GetUtcNow());
        if (outcome is null) return false;
        if (!outcome.Repeated) await Persist(outcome);
        return true;
    }

    public Task<TransitionResult> Acknowledge(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Acknowledge, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Start(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Start, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Reply(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Reply, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Resolve(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Resolve, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Return(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Return, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Close(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Close, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Reopen(CaseCommand c) => Run(c, now => workflow.Apply(Case, CaseAction.Reopen, c.Actor, c.RequestId, c.Text, now));
    public Task<TransitionResult> Dispatch(DispatchCommand c) =>
        Run(new CaseCommand(c.RequestId, c.Actor, c.Reason), now => workflow.Apply(Case, CaseAction.Dispatch, c.Actor, c.RequestId, c.Reason, now, c.DepartmentId));
    public Task<TransitionResult> Callback(CallbackCommand c) =>
        Run(new CaseCommand(c.RequestId, c.Actor, c.Note), now => workflow.Callback(Case, c.Actor, c.RequestId, c.Satisfaction, c.Note, now));

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
        await state.WriteOrReload(this);
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
            var notice = pending.Notice;
            var target = pending.Target;
            switch (target.Kind)
            {
                case NoticeTargetKind.Triage:
                    var triage = GrainFactory.GetGrain<ITriageQueueGrain>(DispatcherNames.SingletonKey);
                    await (notice.Kind == DepartmentNoticeKind.Withdrawn ? triage.Remove(Case.Id) : triage.Add(Case.Id, notice.At));
                    break;
                case NoticeTargetKind.PartnerLine:
                    await this.GetStreamProvider(DispatcherNames.StreamProvider)
                        .GetStream<PartnerEvent>(StreamId.Create(DispatcherNames.PartnerStreamNamespace, target.Id))
                        .OnNextAsync(new PartnerEvent(target.Id, Case.Id, Case.Intake!.Category, Case.Intake.District, Case.Intake.Description, notice.At));
                    break;
                case NoticeTargetKind.Discipline:
                    await GrainFactory.GetGrain<IDisciplineQueueGrain>(DispatcherNames.SingletonKey)
                        .Refer(new Referral(Case.Id, Case.DepartmentId ?? "", notice.At, notice.Note ?? ""));
                    break;
                default:
                    await GrainFactory.GetGrain<IDepartmentGrain>(target.Id).Apply(notice);
                    break;
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
        Case.Intake.Priority, Case.Intake.Channel, Case.CreatedAt, Case.UpdatedAt, Case.NextDeadline, Case.Returns, Case.Reopens,
        Case.LastSequence, Case.Overdue, Case.Escalated, int.TryParse(state.Etag, out var version) ? version : 0,
        workflow.Deadlines?.NextWake(Case));

    private CaseReceipt Receipt(bool created) => new(Case.Id, Case.Status, Case.DepartmentId, Case.RuleId, created, Case.CreatedAt, Case.MergedInto);
}
