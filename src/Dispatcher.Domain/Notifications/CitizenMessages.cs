using System.Text;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Notifications;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Notifications;

/// <summary>
/// When the citizen hears back (R6) and what they read: the one rule, used by the case grain when it
/// stores a transition (which events notify) and when it delivers its outbox (the rendered messages).
/// </summary>
public static class CitizenMessages
{
    /// <summary>The message a history entry sends to the citizen, if any.</summary>
    public static CitizenMessageKind? KindFor(HistoryEntry entry) => entry.Action switch
    {
        CaseAction.Submit => CitizenMessageKind.Received,
        CaseAction.Reply => CitizenMessageKind.Replied,
        CaseAction.Resolve => CitizenMessageKind.Resolved,
        CaseAction.PartnerOutcome when entry.To == CaseStatus.Closed => CitizenMessageKind.Resolved,
        CaseAction.Reopen => CitizenMessageKind.Reopened,
        _ => null,
    };

    /// <summary>
    /// Outbox notices for the entries after <paramref name="afterSequence"/> that notify the citizen,
    /// when the citizen left an address for an enabled channel. A consultation answered at first
    /// contact sends nothing: the caller had the answer on the line.
    /// </summary>
    public static IEnumerable<PendingNotice> NoticesAfter(CaseState state, long afterSequence, IReadOnlySet<NotificationChannel> channels)
    {
        if (!state.Exists || state.FirstContactEntry is not null || Addresses(state.Intake!.Citizen, channels).Count == 0) yield break;
        foreach (var entry in state.History)
        {
            if (entry.Sequence <= afterSequence || KindFor(entry) is not { } kind) continue;
            yield return PendingNotice.For(NoticeTarget.Citizen(kind), new DepartmentNotice(state.Id, entry.Sequence, DepartmentNoticeKind.CallbackRecorded,
                entry.At, state.AssignedAt, entry.To, state.Intake.Category, state.Intake.District, state.Intake.Priority, entry.Note));
        }
    }

    /// <summary>The messages of one citizen notice, one per enabled channel the citizen has an address for.</summary>
    public static IReadOnlyList<CitizenNotification> Compose(CaseState state, CitizenMessageKind kind, DepartmentNotice notice, CityDirectory city,
        IReadOnlySet<NotificationChannel> channels)
    {
        var texts = city.CitizenMessages;
        var citizen = state.Intake!.Citizen;
        var language = citizen.Language is { } l && texts.HasLanguage(l) ? l : texts.DefaultLanguage;
        if (!texts.Templates.TryGetValue(language, out var templates) || !templates.TryGetValue(kind, out var template)) return [];
        var parameters = new Dictionary<string, string>
        {
            ["caseId"] = state.Id,
            ["city"] = city.Name,
            ["department"] = state.DepartmentId is { } d ? city.FindDepartment(d)?.Name ?? d : "",
            // The intake entry's note is internal ("via hotline"); the others carry the reply or outcome.
            ["note"] = kind == CitizenMessageKind.Received ? "" : notice.Note ?? "",
            ["lookupUrl"] = texts.LookupUrl,
        };
        var subject = Render(template.Subject, parameters);
        var text = Render(template.Text, parameters);
        return Addresses(citizen, channels)
            .Select(a => new CitizenNotification($"{state.Id}:{notice.Sequence}:{a.Channel.ToString().ToLowerInvariant()}", state.Id, kind, a.Channel,
                a.Address, language, TemplateId(kind), parameters, subject, text, notice.At))
            .ToArray();
    }

    /// <summary>"case-received", "case-replied" …: the id an SMS gateway's own template is registered under.</summary>
    public static string TemplateId(CitizenMessageKind kind) => "case-" + kind.ToString().ToLowerInvariant();

    /// <summary>Replaces each {name} with its value; unknown names stay as written.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> parameters)
    {
        var result = new StringBuilder(template.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0) { result.Append(template, i, template.Length - i); break; }
            result.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            result.Append(parameters.TryGetValue(name, out var value) ? value : template[open..(close + 1)]);
            i = close + 1;
        }
        return result.ToString();
    }

    private static List<(NotificationChannel Channel, string Address)> Addresses(CitizenContact citizen, IReadOnlySet<NotificationChannel> channels)
    {
        var addresses = new List<(NotificationChannel, string)>(2);
        if (channels.Contains(NotificationChannel.Sms) && !string.IsNullOrEmpty(citizen.Phone)) addresses.Add((NotificationChannel.Sms, citizen.Phone));
        if (channels.Contains(NotificationChannel.Email) && !string.IsNullOrEmpty(citizen.Email)) addresses.Add((NotificationChannel.Email, citizen.Email));
        return addresses;
    }
}
