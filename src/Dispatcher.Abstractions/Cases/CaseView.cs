namespace Dispatcher.Cases;

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
    IReadOnlyList<HistoryEntry> History);
