namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// One append-only history entry: who did what, when, from which state to which, and why.
/// <see cref="Hash"/> chains it to the entry before (ADR-020); entries stored before chaining have none.
/// A deadline event's <see cref="At"/> is its due time; <see cref="RecordedAt"/> is when it was
/// actually written (ADR-030), so its lateness is in the record. Null on every other entry (written
/// at its <see cref="At"/>) and on deadline entries stored before the field existed.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.history-entry")]
public sealed record HistoryEntry(
    [Id(0)] long Sequence,
    [Id(1)] DateTimeOffset At,
    [Id(2)] Actor Actor,
    [Id(3)] CaseAction Action,
    [Id(4)] CaseStatus From,
    [Id(5)] CaseStatus To,
    [Id(6)] string? DepartmentId,
    [Id(7)] string? Note,
    [Id(8)] string? RequestId,
    [Id(9)] string? Hash = null,
    [Id(10)] DateTimeOffset? RecordedAt = null);

/// <summary>The full case as staff see it.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-view")]
public sealed record CaseView(
    [Id(0)] string Id,
    [Id(1)] CaseStatus Status,
    [Id(2)] CaseIntake Intake,
    [Id(3)] string? DepartmentId,
    [Id(4)] string? RuleId,
    [Id(5)] int Returns,
    [Id(6)] int Reopens,
    [Id(7)] bool ArbitrationBinding,
    [Id(8)] string? TakenByAgent,
    [Id(9)] DateTimeOffset CreatedAt,
    [Id(10)] DateTimeOffset UpdatedAt,
    [Id(11)] IReadOnlyList<HistoryEntry> History,
    [Id(12)] IReadOnlyList<DeadlineView>? Deadlines = null,
    [Id(13)] bool Overdue = false,
    [Id(14)] DateTimeOffset? SupervisionDue = null,
    [Id(15)] bool Escalated = false,
    [Id(16)] Satisfaction? Satisfaction = null,
    [Id(17)] IReadOnlyList<Reporter>? Reporters = null,
    [Id(18)] string? MergedInto = null,
    [Id(19)] string? FirstContactEntry = null,
    [Id(20)] string? ClaimedBy = null,
    [Id(21)] IReadOnlyList<CoPartView>? CoDepartments = null);

/// <summary>
/// One co-department's part of a joint case (ADR-027): where it is, what it replied, whether it
/// was released (and why), and its own acknowledge and reply deadlines.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.co-part-view")]
public sealed record CoPartView(
    [Id(0)] string DepartmentId,
    [Id(1)] CoPartStatus Status,
    [Id(2)] DateTimeOffset AssignedAt,
    [Id(3)] DateTimeOffset? AcknowledgedAt,
    [Id(4)] DateTimeOffset? RepliedAt,
    [Id(5)] string? Reply,
    [Id(6)] bool Released,
    [Id(7)] string? ReleaseReason,
    [Id(8)] IReadOnlyList<DeadlineView> Deadlines);

/// <summary>Where a co-department's part stands; Closed when the lead resolved the case first.</summary>
[GenerateSerializer, Alias("dispatcher.co-part-status")]
public enum CoPartStatus { Assigned, Acknowledged, Replied, Released, Closed }

[GenerateSerializer, Immutable, Alias("dispatcher.deadline-view")]
public sealed record DeadlineView([Id(0)] DeadlineStep Step, [Id(1)] DateTimeOffset Start, [Id(2)] DateTimeOffset Due, [Id(3)] bool Done, [Id(4)] bool Breached);

/// <summary>The citizen's view of their case: no contact data, no internal notes.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.public-case-status")]
public sealed record PublicCaseStatus(
    [Id(0)] string Id,
    [Id(1)] CaseStatus Status,
    [Id(2)] string Category,
    [Id(3)] string? DepartmentId,
    [Id(4)] DateTimeOffset CreatedAt,
    [Id(5)] DateTimeOffset UpdatedAt,
    [Id(6)] IReadOnlyList<DeadlineView> Deadlines,
    [Id(7)] IReadOnlyList<PublicNote> Notes,
    [Id(8)] string? MergedInto = null,
    [Id(9)] int Reporters = 1);

[GenerateSerializer, Immutable, Alias("dispatcher.public-note")]
public sealed record PublicNote([Id(0)] DateTimeOffset At, [Id(1)] CaseAction Action, [Id(2)] string? Text);
