using Dispatcher.Abstractions.Surges;
using Orleans.Concurrency;

namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// Recent open cases of one category and district, to merge further reports of the same incident (并单),
/// and the pair's intake counter that detects a surge (surge mode).
/// </summary>
[Alias("dispatcher.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>The open case a report at this place would join, without registering anything (the routing preview).</summary>
    [Alias("Find")] Task<string?> Find(string? address, double? latitude, double? longitude);
    /// <summary>The named case no longer takes reporters: the new case replaces it for this place.</summary>
    [Alias("Replace")] Task Replace(string oldCaseId, string newCaseId, DateTimeOffset at, string? address, double? latitude, double? longitude);
    /// <summary>
    /// Counts an intake of this pair and answers the pair's open surge incident, opening one when this
    /// intake makes a spike. With a <paramref name="claim"/> and no surge open it also merges
    /// duplicates: the open case this report duplicates, or none after registering it as a new
    /// incident. One call for both, since every routed intake needs both (the surge first).
    /// </summary>
    [Alias("ObserveIntake")] Task<IncidentObservation> Observe(DateTimeOffset at, IncidentClaim? claim);
    /// <summary>The pair's open surge incident changed (opened, edited, closed: null).</summary>
    [Alias("SurgeChanged"), AlwaysInterleave] Task SurgeChanged(SurgeNotice? open);
    /// <summary>Intakes of this pair per minute, the newest minute last, for the last <paramref name="minutes"/> minutes.</summary>
    [Alias("PerMinute"), AlwaysInterleave] Task<int[]> PerMinute(int minutes);
}

/// <summary>A new case at a place, asking whether an open case of its pair is already there (并单).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.incident-claim")]
public sealed record IncidentClaim([Id(0)] string CaseId, [Id(1)] string? Address, [Id(2)] double? Latitude, [Id(3)] double? Longitude);

/// <summary>The pair's open surge incident, if any; else, for a claim, the open case the report duplicates.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.incident-observation")]
public sealed record IncidentObservation([Id(0)] SurgeNotice? Surge, [Id(1)] string? Duplicate);
