using System.Text.Json.Serialization;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Host.Endpoints;

/// <summary>The citizen: name, phone, e-mail, and the language of their messages (R6).</summary>
public sealed record CitizenRequest(string? Name, string? Phone, string? Email = null, string? Language = null);

/// <summary>POST /api/cases body (R1).</summary>
public sealed record IntakeRequest(
    string? Channel,
    string? Category,
    string? District,
    string? Address,
    string? Description,
    Dictionary<string, string>? Attributes,
    CitizenRequest? Citizen,
    CasePriority? Priority,
    string? OriginLine,
    [property: JsonPropertyName("lat")] double? Latitude,
    [property: JsonPropertyName("long")] double? Longitude,
    string[]? AttachmentUrls,
    FirstContactRequest? FirstContact = null,
    DateTimeOffset? CallStartedAt = null)
{
    public CaseIntake ToIntake() => new(Channel ?? "", Category ?? "", District ?? "", Address, Description ?? "",
        Attributes ?? [], new CitizenContact(Citizen?.Name, Citizen?.Phone, Citizen?.Email, Citizen?.Language), Priority ?? CasePriority.Normal,
        OriginLine, Latitude, Longitude, AttachmentUrls);
}

/// <summary>Close a consultation at intake with a knowledge-base entry (agents only).</summary>
public sealed record FirstContactRequest(string? EntryId, string? Note);

public sealed record TextRequest(string? Text);
public sealed record ReasonRequest(string? Reason);
public sealed record NoteRequest(string? Note);
/// <param name="RecordAsRule">With an arbitration ruling: make it a routing rule for the next case like this one.</param>
/// <param name="CoDepartments">The case's co-departments from now on (a joint case, ADR-027); omitted keeps the current ones, [] removes them.</param>
public sealed record DispatchRequest(string? DepartmentId, string? Reason, bool RecordAsRule = false, string?[]? CoDepartments = null);

/// <param name="Reason">Required when a co-department of the joint case has not replied yet (ADR-027); recorded in the history.</param>
public sealed record ResolveRequest(string? Text, string? Reason = null);

public sealed record CaseCreatedResponse(string Id, CaseStatus Status, string? DepartmentId, string? DepartmentName, string? RuleId, DateTimeOffset ReceivedAt, string Href, string? MergedInto = null,
    SurgeAtIntake? Surge = null);

/// <summary>The open surge incident a report belongs to (ADR-028): the call-taker reads the script, the caller hears the notice.</summary>
public sealed record SurgeAtIntake(string Id, string Title, string Notice, string Script);

public sealed record ReporterResponse(string CaseId, CitizenRequest Citizen, string Channel, DateTimeOffset At);

public sealed record HistoryResponse(long Sequence, DateTimeOffset At, string Actor, CaseAction Action, CaseStatus From, CaseStatus To, string? DepartmentId, string? Note, string? Hash,
    DateTimeOffset? RecordedAt = null);

public sealed record CaseResponse(
    string Id,
    CaseStatus Status,
    string Category,
    string District,
    string? Address,
    string Description,
    IReadOnlyDictionary<string, string> Attributes,
    CitizenRequest Citizen,
    CasePriority Priority,
    string Channel,
    string? OriginLine,
    double? Lat,
    double? Long,
    string[] AttachmentUrls,
    string? DepartmentId,
    string? DepartmentName,
    string? RuleId,
    int Returns,
    int Reopens,
    bool ArbitrationBinding,
    string? TakenByAgent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DeadlineView> Deadlines,
    bool Overdue,
    DateTimeOffset? SupervisionDue,
    bool Escalated,
    Satisfaction? Satisfaction,
    int ReporterCount,
    IReadOnlyList<ReporterResponse> Reporters,
    string? MergedInto,
    string? FirstContactEntry,
    IReadOnlyList<HistoryResponse> History,
    string? ClaimedBy = null,
    IReadOnlyList<CoPartView>? CoDepartments = null);

/// <summary>GET /api/cases/{id}/verify: whether the case's history chain is intact, and where it first breaks (ADR-020).</summary>
public sealed record VerifyResponse(string CaseId, bool Valid, int Entries, long? FirstBrokenSequence, string? Reason);

public sealed record TransitionResponse(string CaseId, long Sequence, CaseAction Action, CaseStatus From, CaseStatus To, DateTimeOffset At, string? DepartmentId);
