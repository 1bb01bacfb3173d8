namespace Dispatcher.Abstractions.Surges;

/// <summary>Where a surge incident stands: open takes reports; closing resolves them; closed is done.</summary>
[GenerateSerializer, Alias("dispatcher.surge-status")]
public enum SurgeStatus { Open, Closing, Closed }

/// <summary>What a call-taker and a caller learn at intake while a surge of this category and district is open.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.surge-notice")]
public sealed record SurgeNotice(
    [Id(0)] string Id,
    [Id(1)] string Category,
    [Id(2)] string District,
    [Id(3)] string Title,
    [Id(4)] string Notice,
    [Id(5)] string Script,
    [Id(6)] DateTimeOffset OpenedAt);

/// <summary>The texts an operator gives when opening a surge incident or editing an open one.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.surge-texts")]
public sealed record SurgeTexts([Id(0)] string? Title, [Id(1)] string? Notice, [Id(2)] string? Script, [Id(3)] string? Outcome = null);

/// <summary>Why a surge incident was opened automatically: the window's count against the pair's own baseline.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.surge-trigger")]
public sealed record SurgeTrigger([Id(0)] int WindowCount, [Id(1)] double Baseline, [Id(2)] double Threshold, [Id(3)] TimeSpan Window);

/// <summary>A surge incident as operators see it.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.surge-view")]
public sealed record SurgeView(
    [Id(0)] string Id,
    [Id(1)] string Category,
    [Id(2)] string District,
    [Id(3)] SurgeStatus Status,
    [Id(4)] string Title,
    [Id(5)] string Notice,
    [Id(6)] string Script,
    [Id(7)] string? Outcome,
    [Id(8)] Actor OpenedBy,
    [Id(9)] SurgeTrigger? Trigger,
    [Id(10)] DateTimeOffset OpenedAt,
    [Id(11)] IReadOnlyList<string> LeadCaseIds,
    [Id(12)] int JoinedReports,
    [Id(13)] Actor? ClosedBy,
    [Id(14)] DateTimeOffset? ClosedAt,
    [Id(15)] int CasesToResolve,
    [Id(16)] int CasesResolved)
{
    /// <summary>Every reporter of the incident: the lead cases' citizens and every joined report's.</summary>
    public int Reporters => LeadCaseIds.Count + JoinedReports;
}

/// <summary>How an intake relates to an open surge incident.</summary>
[GenerateSerializer, Alias("dispatcher.surge-join-kind")]
public enum SurgeJoinKind
{
    /// <summary>Joined the incident's lead case as a further reporter (并单).</summary>
    Joined,
    /// <summary>Became the incident's lead case: it routes normally.</summary>
    Lead,
    /// <summary>The incident no longer takes reports: route normally.</summary>
    NotOpen,
}

[GenerateSerializer, Immutable, Alias("dispatcher.surge-join")]
public sealed record SurgeJoin([Id(0)] SurgeJoinKind Kind, [Id(1)] string? LeadCaseId = null);

/// <summary>A case the closing of a surge incident resolves with the incident's outcome.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.surge-resolution")]
public sealed record SurgeResolution([Id(0)] string RequestId, [Id(1)] Actor Actor, [Id(2)] string SurgeId, [Id(3)] string Outcome);

/// <summary>One row of the registry of surge incidents.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.surge-entry")]
public sealed record SurgeEntry([Id(0)] string Id, [Id(1)] string Category, [Id(2)] string District, [Id(3)] SurgeStatus Status, [Id(4)] DateTimeOffset OpenedAt);
