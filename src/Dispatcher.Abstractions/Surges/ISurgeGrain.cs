using Orleans.Concurrency;

namespace Dispatcher.Abstractions.Surges;

/// <summary>One surge incident (surge mode), keyed by its id; durable.</summary>
[Alias("dispatcher.ISurgeGrain")]
public interface ISurgeGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident (the registry calls this once; a repeat returns the incident).</summary>
    [Alias("Open")] Task<SurgeView> Open(string category, string district, SurgeTexts texts, Actor openedBy, SurgeTrigger? trigger);
    /// <summary>The incident; throws <c>NotFoundException</c> when none has this id.</summary>
    [Alias("Get"), AlwaysInterleave] Task<SurgeView> Get();
    /// <summary>What intakes carry while it is open; null once it closes.</summary>
    [Alias("Notice"), AlwaysInterleave] Task<SurgeNotice?> Notice();
    /// <summary>Changes the title, notice, script or planned outcome of an open incident.</summary>
    [Alias("Edit")] Task<SurgeView> Edit(SurgeTexts texts, Actor actor);
    /// <summary>A report of this category and district: it joins the lead case, or becomes the lead.</summary>
    [Alias("Join")] Task<SurgeJoin> Join(string caseId, Cases.Reporter reporter);
    /// <summary>Closes the incident with its outcome: every lead and joined case is resolved, in the background. Idempotent by request id.</summary>
    [Alias("Close")] Task<SurgeView> Close(string requestId, string? outcome, Actor actor);
}
