using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.Surges;
using Dispatcher.Grains.Audit;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Surges;

/// <summary>
/// One surge incident (ADR-028). Its reports join its lead case as reporters (并单), so the incident
/// stores only its texts, its lead cases and, while closing, the cases to resolve with how far it got:
/// closing works through them in batches, writing progress after each, and a reminder brings it
/// back to finish after a silo restart.
/// </summary>
public sealed partial class SurgeGrain(
    [PersistentState("surge", DispatcherNames.Storage)] IPersistentState<SurgeState> state,
    IOptions<SurgeOptions> options,
    TimeProvider clock,
    ILogger<SurgeGrain> logger) : Grain, ISurgeGrain, IRemindable
{
    private const string ResumeReminder = "close";
    private SurgeState Surge => state.State;
    /// <summary>Reports joined to the lead cases; counted from the leads on activation, then kept up in memory.</summary>
    private int _joined;
    private IGrainTimer? _closing;
    private bool _working;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Surge.Exists) return;
        foreach (var lead in Surge.LeadCaseIds)
        {
            try { _joined += (await GrainFactory.GetGrain<ICaseGrain>(lead).Get()).Reporters?.Count ?? 0; }
            catch (CaseNotFoundException) { /* a lead whose intake never got stored */ }
        }
        if (Surge.Status == SurgeStatus.Closing) StartClosing();
        if (Surge.PendingAudit.Count > 0) await TryDeliverAudit();
    }

    public async Task<SurgeView> Open(string category, string district, SurgeTexts texts, Actor openedBy, SurgeTrigger? trigger)
    {
        if (Surge.Exists) return View();
        Surge.Id = this.GetPrimaryKeyString();
        Surge.Category = category;
        Surge.District = district;
        Surge.Title = texts.Title!.Trim();
        Surge.Notice = texts.Notice!.Trim();
        Surge.Script = texts.Script!.Trim();
        Surge.Outcome = texts.Outcome?.Trim();
        Surge.OpenedBy = openedBy;
        Surge.Trigger = trigger;
        Surge.OpenedAt = clock.GetUtcNow();
        Surge.Status = SurgeStatus.Open;
        Audit(openedBy, SurgeAudit.Opened(Surge.Id, category, district, Surge.Title, trigger));
        await state.WriteOrReload(this);
        logger.SurgeOpened(Surge.Id, category, district, openedBy.ToString());
        await TryDeliverAudit();
        return View();
    }

    public Task<SurgeView> Get() => Surge.Exists ? Task.FromResult(View()) : throw new NotFoundException($"No surge incident '{this.GetPrimaryKeyString()}'.");

    public Task<SurgeNotice?> Notice() => Task.FromResult(Surge.Exists && Surge.Status == SurgeStatus.Open ? ToNotice() : null);

    public async Task<SurgeView> Edit(SurgeTexts texts, Actor actor)
    {
        await Get();
        if (SurgeRules.ValidateTexts(texts, required: false) is { Count: > 0 } errors) throw new ValidationException(errors);
        if (Surge.Status != SurgeStatus.Open) throw new ConflictException($"Surge incident {Surge.Id} is {Surge.Status.ToString().ToLowerInvariant()}: its texts no longer change.");
        Surge.Title = texts.Title?.Trim() ?? Surge.Title;
        Surge.Notice = texts.Notice?.Trim() ?? Surge.Notice;
        Surge.Script = texts.Script?.Trim() ?? Surge.Script;
        Surge.Outcome = texts.Outcome?.Trim() ?? Surge.Outcome;
        Audit(actor, SurgeAudit.Edited(Surge.Id, texts));
        await state.WriteOrReload(this);
        await TryDeliverAudit();
        await TellPair(ToNotice());
        return View();
    }

    public async Task<SurgeJoin> Join(string caseId, Reporter reporter)
    {
        if (!Surge.Exists || Surge.Status != SurgeStatus.Open) return new SurgeJoin(SurgeJoinKind.NotOpen);
        if (Surge.LeadCaseIds.Count > 0 && Surge.LeadCaseIds[^1] is var lead && lead != caseId
            && await GrainFactory.GetGrain<ICaseGrain>(lead).AddReporter(reporter))
        {
            _joined++;
            return new SurgeJoin(SurgeJoinKind.Joined, lead);
        }
        // No lead yet, or the lead no longer takes reporters (its department resolved it): this report leads from now on.
        if (!Surge.LeadCaseIds.Contains(caseId))
        {
            Surge.LeadCaseIds.Add(caseId);
            await state.WriteOrReload(this);
        }
        return new SurgeJoin(SurgeJoinKind.Lead, caseId);
    }

    public async Task<SurgeView> Close(string requestId, string? outcome, Actor actor)
    {
        await Get();
        if (string.IsNullOrWhiteSpace(requestId)) throw ValidationException.For("requestId", "Required.");
        if (Surge.Status != SurgeStatus.Open)
        {
            if (Surge.CloseRequestId == requestId) return View();
            throw new ConflictException($"Surge incident {Surge.Id} is already {Surge.Status.ToString().ToLowerInvariant()}.");
        }
        var text = string.IsNullOrWhiteSpace(outcome) ? Surge.Outcome : outcome.Trim();
        if (string.IsNullOrWhiteSpace(text)) throw ValidationException.For("outcome", "Required: what was done (it resolves every report of the incident).");
        if (text.Length > IntakeValidator.MaxDescription) throw ValidationException.For("outcome", $"At most {IntakeValidator.MaxDescription} characters.");

        var cases = new List<string>(Surge.LeadCaseIds);
        foreach (var lead in Surge.LeadCaseIds)
        {
            try { cases.AddRange(((await GrainFactory.GetGrain<ICaseGrain>(lead).Get()).Reporters ?? []).Select(r => r.CaseId)); }
            catch (CaseNotFoundException) { cases.Remove(lead); }
        }
        Surge.Status = SurgeStatus.Closing;
        Surge.Outcome = text;
        Surge.CloseRequestId = requestId;
        Surge.ClosedBy = actor;
        Surge.ToResolve = [.. cases.Distinct()];
        Surge.Resolved = 0;
        Audit(actor, SurgeAudit.Closing(Surge.Id, Surge.ToResolve.Count, text));
        await state.WriteOrReload(this);
        await TryDeliverAudit();
        logger.SurgeClosing(Surge.Id, Surge.ToResolve.Count);
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await TellPair(null);
        await TellRegistry();
        StartClosing();
        return View();
    }

    /// <summary>The pair's counter answers intakes with the open incident; it hears of edits and of the close at once.</summary>
    private async Task TellPair(SurgeNotice? open)
    {
        var key = IntakePlanner.IncidentKey(Surge.Category, Surge.District);
        try { await GrainFactory.GetGrain<IIncidentGrain>(key).SurgeChanged(open); }
        catch (Exception ex) { logger.SurgeTellFailed(ex, Surge.Id, key); }
    }

    private async Task TellRegistry()
    {
        try { await GrainFactory.GetGrain<ISurgeRegistryGrain>(DispatcherNames.SingletonKey).StatusChanged(Surge.Id, Surge.Status); }
        catch (Exception ex) { logger.SurgeTellFailed(ex, Surge.Id, "registry"); }
    }

    /// <summary>Queues the change's audit entry, stored with the change by the write that follows.</summary>
    private void Audit(Actor by, string summary)
    {
        Surge.Revision++;
        Surge.PendingAudit.Add(new AuditChange(AuditKind.Surges, by.ToString(), clock.GetUtcNow(), summary, SurgeAudit.Version(Surge.Id, Surge.Revision)));
    }

    /// <summary>
    /// The change is stored, so it has happened even when the audit log is unreachable right now: the
    /// entries stay pending and go with the incident's next change or activation (the log records a
    /// version once, so delivering twice is harmless).
    /// </summary>
    private async Task TryDeliverAudit()
    {
        try
        {
            await Surge.PendingAudit.DeliverTo(GrainFactory);
            await state.WriteOrReload(this);
        }
        catch (Exception ex)
        {
            logger.SurgeAuditFailed(ex, Surge.Id, Surge.PendingAudit.Count);
        }
    }

    private SurgeNotice ToNotice() => new(Surge.Id, Surge.Category, Surge.District, Surge.Title, Surge.Notice, Surge.Script, Surge.OpenedAt);

    private SurgeView View() => new(Surge.Id, Surge.Category, Surge.District, Surge.Status, Surge.Title, Surge.Notice, Surge.Script, Surge.Outcome,
        Surge.OpenedBy!, Surge.Trigger, Surge.OpenedAt, Surge.LeadCaseIds.ToArray(), _joined, Surge.ClosedBy, Surge.ClosedAt,
        Surge.ToResolve.Count, Surge.Resolved);
}
