namespace Dispatcher.Abstractions.Cases;

/// <summary>One citizen case, keyed by its tracking number.</summary>
[Alias("dispatcher.ICaseGrain")]
public interface ICaseGrain : IGrainWithStringKey
{
    /// <summary>Creates the case and routes it. Submitting to an existing case returns its receipt with Created=false.</summary>
    [Alias("Submit")] Task<CaseReceipt> Submit(SubmitCase command);
    [Alias("Acknowledge")] Task<TransitionResult> Acknowledge(CaseCommand command);
    [Alias("Start")] Task<TransitionResult> Start(CaseCommand command);
    [Alias("Reply")] Task<TransitionResult> Reply(CaseCommand command);
    [Alias("Resolve")] Task<TransitionResult> Resolve(CaseCommand command);
    [Alias("Return")] Task<TransitionResult> Return(CaseCommand command);
    [Alias("Dispatch")] Task<TransitionResult> Dispatch(DispatchCommand command);
    [Alias("Close")] Task<TransitionResult> Close(CaseCommand command);
    [Alias("Reopen")] Task<TransitionResult> Reopen(CaseCommand command);
    /// <summary>A clerk takes the case, or (Text = a clerk's login) the head gives it to that clerk.</summary>
    [Alias("Claim")] Task<TransitionResult> Claim(CaseCommand command);
    /// <summary>Records the citizen's satisfaction: closes the case, or reopens it when unsatisfied.</summary>
    [Alias("Callback")] Task<TransitionResult> Callback(CallbackCommand command);
    /// <summary>What the citizen may see: status, department, deadlines, public notes; null unless the phone's last four digits match.</summary>
    /// <summary>Fires the deadline events that are due (called by the deadline scanner, ADR-012); harmless when none is.</summary>
    [Alias("Wake")] Task Wake();
    [Alias("GetPublicStatus")] Task<PublicCaseStatus?> GetPublicStatus(string phoneLastFour);
    /// <summary>The case with its history; throws <c>CaseNotFoundException</c> when no case has this id.</summary>
    [Alias("Get")] Task<CaseView> Get();
    /// <summary>Delivers anything pending and re-writes the index row (used by the reconciler after a silo loss).</summary>
    [Alias("Reconcile")] Task Reconcile();
    /// <summary>Adds another reporter of the same incident; false when this case is no longer open (the caller then opens a new case).</summary>
    [Alias("AddReporter")] Task<bool> AddReporter(Reporter reporter);
    /// <summary>The partner hotline's outcome: resolved closes the case, returned sends it back to the centre.</summary>
    [Alias("PartnerOutcome")] Task<TransitionResult> PartnerOutcome(PartnerOutcomeCommand command);
    /// <summary>A co-department's step on its part of a joint case (ADR-027).</summary>
    [Alias("CoPart")] Task<TransitionResult> CoPart(CoPartCommand command);
    /// <summary>The surge incident this case belongs to closed: the case is resolved with its outcome (a finished case stays as it is).</summary>
    [Alias("ResolveForSurge")] Task<TransitionResult> ResolveForSurge(Surges.SurgeResolution resolution);
}
