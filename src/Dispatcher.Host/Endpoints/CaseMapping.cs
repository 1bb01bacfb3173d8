using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Endpoints;

/// <summary>Grain views → HTTP shapes, with citizen contact masked for callers that do not need it (R14).</summary>
public static class CaseMapping
{
    public static CaseResponse ToResponse(this CaseView c, CityDirectory city, bool showContact)
    {
        var i = c.Intake;
        CitizenRequest Contact(CitizenContact c) => showContact
            ? new(c.Name, c.Phone, c.Email, c.Language)
            : new(MaskName(c.Name), MaskPhone(c.Phone), MaskEmail(c.Email), c.Language);
        var citizen = Contact(i.Citizen);
        var reporters = (c.Reporters ?? []).Select(r => new ReporterResponse(r.CaseId, Contact(r.Citizen), r.Channel, r.At)).ToArray();
        return new CaseResponse(c.Id, c.Status, i.Category, i.District, i.Address, i.Description, i.Attributes, citizen, i.Priority,
            i.Channel, i.OriginLine, Finite(i.Latitude), Finite(i.Longitude), i.AttachmentUrls ?? [], c.DepartmentId,
            c.DepartmentId is null ? null : city.FindDepartment(c.DepartmentId)?.Name, c.RuleId, c.Returns, c.Reopens,
            c.ArbitrationBinding, c.TakenByAgent, c.CreatedAt, c.UpdatedAt, c.Deadlines ?? [], c.Overdue, c.SupervisionDue, c.Escalated, c.Satisfaction,
            reporters.Length + 1, reporters, c.MergedInto, c.FirstContactEntry,
            c.History.Select(h => new HistoryResponse(h.Sequence, h.At, h.Actor.ToString(), h.Action, h.From, h.To, h.DepartmentId, h.Note, h.Hash, h.RecordedAt)).ToArray(), c.ClaimedBy,
            c.CoDepartments ?? []);
    }

    public static TransitionResponse ToResponse(this TransitionResult t) => new(t.CaseId, t.Sequence, t.Action, t.From, t.To, t.At, t.DepartmentId);

    /// <summary>"13812345678" → "138****5678".</summary>
    /// <summary>Coordinates stored before non-finite values were refused read as absent rather than failing the response.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    public static string? MaskPhone(string? phone) =>
        phone is null ? null : phone.Length <= 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];

    /// <summary>"li.ming@example.cn" → "l***@example.cn".</summary>
    public static string? MaskEmail(string? email) =>
        email is null ? null : email.IndexOf('@') is var at and > 0 ? email[..1] + "***" + email[at..] : "***";

    public static string? MaskName(string? name) => string.IsNullOrEmpty(name) ? name : name[..1] + "**";
}
