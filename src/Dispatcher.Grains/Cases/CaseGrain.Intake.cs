using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Agents;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Cases.Intake;
using Orleans.Storage;

namespace Dispatcher.Grains.Cases;

/// <summary>Intake: the planner decides, the grain looks up what it needs and performs the path (ADR-014).</summary>
public sealed partial class CaseGrain
{
    public async Task<CaseReceipt> Submit(SubmitCase command)
    {
        if (Case.Exists) return await AnswerRetry(command);
        if (!command.FromKey) return await Take(command);
        try
        {
            return await Take(command);
        }
        catch (InconsistentStateException) when (state.Unread)
        {
            // A keyed first try started unread (ADR-036) and storage refused its insert: the key's
            // case is stored, so this is a retry. Nothing was overwritten; answer with what is stored.
            await ReloadState();
            if (!Case.Exists) throw;
            return await AnswerRetry(command);
        }
    }

    /// <summary>
    /// A retry of an intake that was stored but maybe not answered: the call-taker's figures may not
    /// have heard of it yet (the agent ignores a case it already counted).
    /// </summary>
    private async Task<CaseReceipt> AnswerRetry(SubmitCase command)
    {
        await TryDeliverOutbox();
        if (command.Actor.Id == Case.TakenByAgent) await RecordAgentCall(command.Actor, command.CallStartedAt);
        return Receipt(created: false);
    }

    /// <summary>
    /// A keyed first try has not read storage (ADR-036). Before the intake reaches another case
    /// (joining a surge's lead or a duplicate's case), it reads: a retry must not join twice.
    /// True when the key's case turned out to be stored.
    /// </summary>
    private async Task<bool> StoredAfterAll(SubmitCase command)
    {
        if (!command.FromKey || !state.Unread) return false;
        await ReloadState();
        return Case.Exists;
    }

    private async Task<CaseReceipt> Take(SubmitCase command)
    {
        var id = this.GetPrimaryKeyString();
        var now = clock.GetUtcNow();
        var facts = await LookUp(IntakePlanner.LookupsFor(command));
        var plan = planner.Plan(command, facts, now);
        var seen = await ObserveIncident(id, command, plan, now);
        if (seen.Surge is { } open) plan = planner.Plan(command, facts with { Surge = open }, now);
        var accepted = plan.Accepted;
        var joinsAnother = plan.Path is IntakePath.JoinSurge || (plan.Path is IntakePath.JoinIncidentOrRoute && seen.Duplicate is not null);
        if (joinsAnother && await StoredAfterAll(command)) return await AnswerRetry(command);
        switch (plan.Path)
        {
            case IntakePath.JoinSurge surge when await JoinedSurge(id, accepted, surge.Surge, now):
                break;
            case IntakePath.AnswerAtFirstContact answer:
                await Persist(workflow.SubmitAnswered(Case, id, accepted, answer, now));
                break;
            case IntakePath.TransferToPartner transfer:
                await Persist(workflow.SubmitTransferred(Case, id, accepted, transfer.Line, now));
                break;
            case IntakePath.JoinIncidentOrRoute join when await JoinedOpenCase(id, accepted, join.IncidentKey, seen.Duplicate, now):
                break;
            default:
                await Route(id, accepted, now);
                break;
        }
        await RecordAgentCall(accepted.Actor, accepted.CallStartedAt);
        // Whoever takes a report of an open surge learns its notice and script, whether it joined or leads.
        return Receipt(created: true) with { Surge = plan.Path is IntakePath.JoinSurge joined ? joined.Surge : null };
    }

    /// <summary>What the planner asked to know: the origin line and the knowledge entry, each only when the intake names it.</summary>
    private async Task<IntakeFacts> LookUp(IntakeLookups lookups)
    {
        var line = lookups.OriginLineId is { } lineId
            ? await grains.Get<IHotlineRegistryGrain>(DispatcherNames.SingletonKey).Find(lineId) : null;
        var answer = lookups.KnowledgeEntryId is { } entryId
            ? await grains.Get<IKnowledgeBaseGrain>(DispatcherNames.SingletonKey).Find(entryId) : null;
        return new IntakeFacts(line, answer);
    }

    /// <summary>
    /// One call to the pair's incident grain: it counts this intake for surge detection and answers
    /// the pair's open surge incident; when the plan would merge duplicates it also answers the open
    /// case this report duplicates (registering this one when there is none). The plan is made
    /// again when a surge is open, since joining it comes before merging duplicates.
    /// </summary>
    private async Task<IncidentObservation> ObserveIncident(string id, SubmitCase command, IntakePlan plan, DateTimeOffset now)
    {
        if (planner.SurgeKeyFor(command) is not { } pair) return new(null, null);
        var i = plan.Accepted.Intake;
        var claim = plan.Path is IntakePath.JoinIncidentOrRoute ? new IncidentClaim(id, i.Address, i.Latitude, i.Longitude) : null;
        return await grains.Get<IIncidentGrain>(pair).Observe(now, claim);
    }

    private async Task Route(string id, AcceptedIntake accepted, DateTimeOffset now)
    {
        var intake = accepted.Intake;
        var decision = await grains.Get<IRouterGrain>(0).Route(intake.Category, intake.District, intake.Attributes, now);
        await Persist(workflow.Submit(Case, id, accepted, decision, now));
        logger.CaseReceived(id, intake.Category, intake.District, Case.DepartmentId ?? "triage", Case.RuleId);
    }

    private async Task RecordAgentCall(Actor actor, DateTimeOffset? callStartedAt)
    {
        if (actor.Kind != ActorKind.Agent) return;
        await grains.Get<IAgentGrain>(actor.Id).RecordCaseTaken(Case.Id, IntakePlanner.HandlingTime(callStartedAt, Case.CreatedAt));
    }

    /// <summary>
    /// 并单: a report of the same category at the same place as a recent open case joins that case
    /// as another reporter. If that case no longer takes reporters, this one becomes the incident.
    /// </summary>
    private async Task<bool> JoinedOpenCase(string id, AcceptedIntake accepted, string incidentKey, string? primary, DateTimeOffset now)
    {
        if (primary is null) return false;
        var i = accepted.Intake;
        var joined = await grains.Get<ICaseGrain>(primary).AddReporter(new Reporter(id, i.Citizen, i.Channel, now));
        if (!joined)
        {
            await grains.Get<IIncidentGrain>(incidentKey).Replace(primary, id, now, i.Address, i.Latitude, i.Longitude);
            return false;
        }
        await Persist(workflow.SubmitMerged(Case, id, accepted, primary, now));
        return true;
    }

    /// <summary>
    /// Surge mode: the report joins the incident's lead case as a further reporter (并单). False when
    /// it becomes the lead (or the incident closed meanwhile): it then routes like any case.
    /// </summary>
    private async Task<bool> JoinedSurge(string id, AcceptedIntake accepted, SurgeNotice surge, DateTimeOffset now)
    {
        var i = accepted.Intake;
        var join = await grains.Get<ISurgeGrain>(surge.Id).Join(id, new Reporter(id, i.Citizen, i.Channel, now));
        if (join is not { Kind: SurgeJoinKind.Joined, LeadCaseId: { } lead }) return false;
        await Persist(workflow.SubmitMerged(Case, id, accepted, lead, now));
        return true;
    }

    public Task<TransitionResult> ResolveForSurge(SurgeResolution r) =>
        Run(new CaseCommand(r.RequestId, r.Actor, r.Outcome), now => workflow.ResolveForSurge(Case, r.Actor, r.RequestId, r.SurgeId, r.Outcome, now));

    public async Task<bool> AddReporter(Reporter reporter)
    {
        var outcome = workflow.AddReporter(Case, reporter, clock.GetUtcNow());
        if (outcome is null) return false;
        if (!outcome.Repeated) await Persist(outcome);
        return true;
    }
}
