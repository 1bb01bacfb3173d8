namespace Dispatcher.Abstractions.Cases;

/// <summary>One append-only history entry: who did what, when, from which state to which, and why.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.history-entry")]
public sealed record HistoryEntry(
    long Sequence,
    DateTimeOffset At,
    Actor Actor,
    CaseAction Action,
    CaseStatus From,
    CaseStatus To,
    string? DepartmentId,
    string? Note,
    string? RequestId);

/// <summary>The full case as staff see it.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.case-view")]
public sealed record CaseView(
    string Id,
    CaseStatus Status,
    CaseIntake Intake,
    string? DepartmentId,
    string? RuleId,
    int Returns,
    int Reopens,
    bool ArbitrationBinding,
    string? TakenByAgent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<DeadlineView>? Deadlines = null,
    bool Overdue = false,
    DateTimeOffset? SupervisionDue = null,
    bool Escalated = false,
    Satisfaction? Satisfaction = null,
    IReadOnlyList<Reporter>? Reporters = null,
    string? MergedInto = null,
    string? FirstContactEntry = null);

[GenerateSerializer, Immutable, Alias("dispatcher.deadline-view")]
public sealed record DeadlineView(DeadlineStep Step, DateTimeOffset Start, DateTimeOffset Due, bool Done, bool Breached);

/// <summary>The citizen's view of their case: no contact data, no internal notes.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.public-case-status")]
public sealed record PublicCaseStatus(
    string Id,
    CaseStatus Status,
    string Category,
    string? DepartmentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<PublicNote> Notes,
    string? MergedInto = null,
    int Reporters = 1);

[GenerateSerializer, Immutable, Alias("dispatcher.public-note")]
public sealed record PublicNote(DateTimeOffset At, CaseAction Action, string? Text);
