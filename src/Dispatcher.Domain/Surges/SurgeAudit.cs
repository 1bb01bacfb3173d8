using System.Globalization;
using Dispatcher.Abstractions.Surges;

namespace Dispatcher.Domain.Surges;

/// <summary>
/// What the admin audit log says about a surge incident (ADR-037): readable summaries without citizen
/// data, and the version that makes each change of each incident one entry however often it is delivered.
/// </summary>
public static class SurgeAudit
{
    /// <summary>Revisions an incident may have before its versions would run into the next incident's.</summary>
    public const int RevisionsPerIncident = 1000;

    /// <summary>
    /// SRG-000042, revision 3 → 42003: distinct per incident and change, rising with both. Null for an
    /// id the registry did not number (the log then numbers the entry itself).
    /// </summary>
    public static long? Version(string surgeId, int revision) =>
        long.TryParse(surgeId.AsSpan(surgeId.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number * RevisionsPerIncident + Math.Min(revision, RevisionsPerIncident - 1)
            : null;

    public static string Opened(string surgeId, string category, string district, string title, SurgeTrigger? trigger) =>
        trigger is null
            ? $"surge {surgeId} opened for {category} in {district}: \"{title}\""
            : string.Create(CultureInfo.InvariantCulture,
                $"surge {surgeId} opened for {category} in {district} on a spike ({trigger.WindowCount} reports in {trigger.Window.TotalMinutes:0} min, baseline {trigger.Baseline:0.#}): \"{title}\"");

    public static string Edited(string surgeId, SurgeTexts texts)
    {
        var fields = new[] { ("title", texts.Title), ("notice", texts.Notice), ("script", texts.Script), ("outcome", texts.Outcome) }
            .Where(f => f.Item2 is not null).Select(f => f.Item1);
        return $"surge {surgeId} edited: {string.Join(", ", fields)}";
    }

    public static string Closing(string surgeId, int reports, string outcome) =>
        string.Create(CultureInfo.InvariantCulture, $"surge {surgeId} closing: {reports} reports to resolve with \"{outcome}\"");

    public static string Closed(string surgeId, int resolved) =>
        string.Create(CultureInfo.InvariantCulture, $"surge {surgeId} closed: {resolved} reports resolved");
}
