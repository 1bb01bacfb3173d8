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
    /// <summary>The open case this report duplicates, or null after registering it as a new incident.</summary>
    [Alias("Claim")] Task<string?> Claim(string caseId, DateTimeOffset at, string? address, double? latitude, double? longitude);
    /// <summary>The open case a report at this place would join, without registering anything (the routing preview).</summary>
    [Alias("Find")] Task<string?> Find(string? address, double? latitude, double? longitude);
    /// <summary>The named case no longer takes reporters: the new case replaces it for this place.</summary>
    [Alias("Replace")] Task Replace(string oldCaseId, string newCaseId, DateTimeOffset at, string? address, double? latitude, double? longitude);
    /// <summary>Counts an intake of this pair and answers the pair's open surge incident, opening one when this intake makes a spike.</summary>
    [Alias("Observe")] Task<SurgeNotice?> Observe(DateTimeOffset at);
    /// <summary>The pair's open surge incident changed (opened, edited, closed: null).</summary>
    [Alias("SurgeChanged"), AlwaysInterleave] Task SurgeChanged(SurgeNotice? open);
    /// <summary>Intakes of this pair per minute, the newest minute last, for the last <paramref name="minutes"/> minutes.</summary>
    [Alias("PerMinute"), AlwaysInterleave] Task<int[]> PerMinute(int minutes);
}
