using Dispatcher.Abstractions.Notifications;

namespace Dispatcher.Domain.Notifications;

/// <summary>One message text: the e-mail subject and the text (SMS body and e-mail body).</summary>
public sealed record MessageTemplate(string Subject, string Text);

/// <summary>
/// The texts a citizen receives, per language, from the city file's <c>citizenMessages</c> section.
/// Placeholders: <c>{caseId}</c>, <c>{city}</c>, <c>{department}</c>, <c>{note}</c> (the reply or
/// resolution text) and <c>{lookupUrl}</c>.
/// </summary>
/// <param name="DefaultLanguage">Used when the citizen gave no language.</param>
/// <param name="LookupUrl">Where a citizen looks a case up (the public status page or route).</param>
/// <param name="Templates">Language (e.g. "zh-CN") → message kind (camelCase, e.g. "replied") → template.</param>
public sealed record CitizenMessageTexts(
    string DefaultLanguage,
    string LookupUrl,
    Dictionary<string, Dictionary<CitizenMessageKind, MessageTemplate>> Templates)
{
    public static CitizenMessageTexts None { get; } = new("zh-CN", "", []);

    public bool HasLanguage(string language) => Templates.ContainsKey(language);

    /// <summary>What is wrong with the section, for the city file's consistency check.</summary>
    public IEnumerable<string> Problems()
    {
        if (Templates.Count == 0) yield break;
        if (!Templates.ContainsKey(DefaultLanguage)) yield return $"citizenMessages.defaultLanguage: no templates for '{DefaultLanguage}'";
        foreach (var (language, kinds) in Templates)
            foreach (var kind in Enum.GetValues<CitizenMessageKind>())
                if (!kinds.TryGetValue(kind, out var t) || string.IsNullOrWhiteSpace(t.Text) || string.IsNullOrWhiteSpace(t.Subject))
                    yield return $"citizenMessages.templates.{language}: no subject and text for '{kind}'";
    }
}
