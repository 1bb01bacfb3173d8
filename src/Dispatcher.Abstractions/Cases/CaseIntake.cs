namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// Who called, and how they want to hear back (R6): by SMS to <paramref name="Phone"/> and/or by
/// e-mail, in <paramref name="Language"/> (one of the city's message languages; its default when null).
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.citizen")]
public sealed record CitizenContact([Id(0)] string? Name, [Id(1)] string? Phone, [Id(2)] string? Email = null, [Id(3)] string? Language = null);

/// <summary>
/// What a channel or call-taker submits (R1). Validated before anything is stored. Never changed
/// after intake, so it is [Immutable]: grain calls pass it without a deep copy (ADR-013).
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-intake")]
public sealed record CaseIntake(
    [Id(0)] string Channel,
    [Id(1)] string Category,
    [Id(2)] string District,
    [Id(3)] string? Address,
    [Id(4)] string Description,
    [Id(5)] Dictionary<string, string> Attributes,
    [Id(6)] CitizenContact Citizen,
    [Id(7)] CasePriority Priority,
    [Id(8)] string? OriginLine = null,
    [Id(9)] double? Latitude = null,
    [Id(10)] double? Longitude = null,
    [Id(11)] string[]? AttachmentUrls = null);

/// <summary>A consultation answered at intake from the knowledge base (R2).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.first-contact-answer")]
public sealed record FirstContactAnswer([Id(0)] string EntryId, [Id(1)] string? Note);

/// <summary>
/// The intake command: the case id is chosen by the caller (see <c>TrackingNumbers</c>). With a
/// first-contact answer the case is closed at once and never dispatched. <paramref name="FreshId"/>
/// says the caller has just drawn the id at random (<c>TrackingNumbers.NewRandom</c>) for this
/// intake: the case grain then skips the storage read of a case that cannot exist yet (ADR-033).
/// If one did (a collision of 60 random bits), its first write is refused with
/// <c>InconsistentStateException</c> and the caller draws again. <paramref name="FromKey"/> with
/// <paramref name="FreshId"/> is a first try under an id derived from an idempotency key (ADR-036,
/// <c>KeyedIntake</c>): the grain also starts without a read, but a refused first write means the
/// intake is a retry of a stored one, which the grain then reads and answers as such.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.submit-case")]
public sealed record SubmitCase([Id(0)] Actor Actor, [Id(1)] CaseIntake Intake, [Id(2)] FirstContactAnswer? FirstContact = null, [Id(3)] DateTimeOffset? CallStartedAt = null,
    [Id(4)] bool FreshId = false, [Id(5)] bool FromKey = false);

/// <summary>Someone else who reported the same incident (并单); called back with the case.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.reporter")]
public sealed record Reporter([Id(0)] string CaseId, [Id(1)] CitizenContact Citizen, [Id(2)] string Channel, [Id(3)] DateTimeOffset At);

/// <summary>What the caller learns at once: the tracking number and where the case went.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-receipt")]
public sealed record CaseReceipt(
    [Id(0)] string CaseId,
    [Id(1)] CaseStatus Status,
    [Id(2)] string? DepartmentId,
    [Id(3)] string? RuleId,
    [Id(4)] bool Created,
    [Id(5)] DateTimeOffset ReceivedAt,
    [Id(6)] string? MergedInto = null,
    [Id(7)] Surges.SurgeNotice? Surge = null);
