namespace Dispatcher.Abstractions.Cases;

[GenerateSerializer, Immutable, Alias("dispatcher.citizen")]
public sealed record CitizenContact(string? Name, string? Phone);

/// <summary>
/// What a channel or call-taker submits (R1). Validated before anything is stored. Never changed
/// after intake, so it is [Immutable]: grain calls pass it without a deep copy (ADR-013).
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-intake")]
public sealed record CaseIntake(
    string Channel,
    string Category,
    string District,
    string? Address,
    string Description,
    Dictionary<string, string> Attributes,
    CitizenContact Citizen,
    CasePriority Priority,
    string? OriginLine = null,
    double? Latitude = null,
    double? Longitude = null,
    string[]? AttachmentUrls = null);

/// <summary>A consultation answered at intake from the knowledge base (R2).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.first-contact-answer")]
public sealed record FirstContactAnswer(string EntryId, string? Note);

/// <summary>
/// The intake command: the case id is chosen by the caller (see <c>TrackingNumbers</c>). With a
/// first-contact answer the case is closed at once and never dispatched.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.submit-case")]
public sealed record SubmitCase(Actor Actor, CaseIntake Intake, FirstContactAnswer? FirstContact = null, DateTimeOffset? CallStartedAt = null);

/// <summary>Someone else who reported the same incident (并单); called back with the case.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.reporter")]
public sealed record Reporter(string CaseId, CitizenContact Citizen, string Channel, DateTimeOffset At);

/// <summary>What the caller learns at once: the tracking number and where the case went.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-receipt")]
public sealed record CaseReceipt(
    string CaseId,
    CaseStatus Status,
    string? DepartmentId,
    string? RuleId,
    bool Created,
    DateTimeOffset ReceivedAt,
    string? MergedInto = null);
