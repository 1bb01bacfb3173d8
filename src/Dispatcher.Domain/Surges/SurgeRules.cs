using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Surges;

/// <summary>What a surge incident may say and cover (surge mode): one place for the operator's open and edit and for a spike.</summary>
public static class SurgeRules
{
    public const int MaxTitle = 200;
    public const int MaxNotice = 2000;

    /// <summary>Field-level problems of opening an incident for this pair with these texts; empty when it may open.</summary>
    public static Dictionary<string, string[]> ValidateOpen(string? category, string? district, SurgeTexts? texts, CityDirectory city)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(category)) errors["category"] = ["Required."];
        else if (city.FindCategory(category) is null) errors["category"] = [$"Unknown category '{category}'."];
        else if (city.IsEmergency(category))
            errors["category"] = [$"'{category}' is an emergency: every report goes to the emergency line at once, never into a surge incident."];
        if (string.IsNullOrWhiteSpace(district)) errors["district"] = ["Required."];
        else if (city.FindDistrict(district) is null) errors["district"] = [$"Unknown district '{district}'."];
        foreach (var (field, problem) in ValidateTexts(texts, required: true)) errors[field] = problem;
        return errors;
    }

    /// <summary>Field-level problems of the texts; with <paramref name="required"/> the title, notice and script must be given.</summary>
    public static Dictionary<string, string[]> ValidateTexts(SurgeTexts? texts, bool required)
    {
        var errors = new Dictionary<string, string[]>();
        Text(errors, "title", texts?.Title, MaxTitle, required);
        Text(errors, "notice", texts?.Notice, MaxNotice, required);
        Text(errors, "script", texts?.Script, MaxNotice, required);
        Text(errors, "outcome", texts?.Outcome, IntakeValidator.MaxDescription, false);
        return errors;
    }

    /// <summary>The texts of an incident a spike opened, until an operator edits them.</summary>
    public static SurgeTexts ForSpike(string category, string district, SurgeTrigger trigger, CityDirectory city)
    {
        var what = city.FindCategory(category)?.Name ?? category;
        var where = city.FindDistrict(district)?.Name ?? district;
        return new SurgeTexts(
            $"{what} · {where}: {trigger.WindowCount} reports in {trigger.Window.TotalMinutes:0.#} min",
            $"We know of many reports of {what} in {where} and are handling it; there is no need to report it again. 我们已收到{where}关于「{what}」的大量反映，正在处置，无需重复反映。",
            $"Surge incident: {what} in {where}. Take the caller's details, tell them the report joins the incident and they will be called back when it is resolved.");
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, bool required)
    {
        // Null leaves an edited text as it is; a text that is given must say something.
        if (value is null) { if (required) errors[field] = ["Required."]; }
        else if (string.IsNullOrWhiteSpace(value)) errors[field] = [required ? "Required." : "Must not be blank."];
        else if (value.Length > max) errors[field] = [$"At most {max} characters."];
    }
}
