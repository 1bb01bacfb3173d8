namespace Dispatcher.Abstractions.Audit;

/// <summary>What an audit entry is about (ADR-023).</summary>
[GenerateSerializer, Alias("dispatcher.audit-kind")]
public enum AuditKind
{
    /// <summary>The routing rule table.</summary>
    Rules,
    /// <summary>The hotline registry.</summary>
    Hotlines,
    /// <summary>The knowledge base.</summary>
    Knowledge,
    /// <summary>Staff accounts and the configured API-key set (by key name, never a key or its hash).</summary>
    Accounts,
    /// <summary>Surge incidents opened (by an operator or on a spike), edited and closed (ADR-028, ADR-037).</summary>
    Surges,
}

/// <summary>
/// A change to be recorded. <see cref="Version"/> is the version the change made in what it changed
/// (the rule table's version, …); the log records a (kind, version) once, so a change delivered twice
/// is one entry. Without a version the log numbers the kind's entries itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.audit-change")]
public sealed record AuditChange([Id(0)] AuditKind Kind, [Id(1)] string By, [Id(2)] DateTimeOffset At, [Id(3)] string Summary, [Id(4)] long? Version = null);

/// <summary>
/// One entry of the admin audit log: its place in the log, when, who ("Admin:ops-1", "seed",
/// "configuration"), what kind, what changed in a short readable form, the version it made, and its
/// hash chained to the entry before (Domain/Audit/AuditChain).
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.audit-entry")]
public sealed record AuditEntry(
    [Id(0)] long Sequence,
    [Id(1)] DateTimeOffset At,
    [Id(2)] AuditKind Kind,
    [Id(3)] string By,
    [Id(4)] string Summary,
    [Id(5)] long Version,
    [Id(6)] string Hash);

/// <summary>One configured API key as the audit log sees it: its name and what it may do, never the key.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.api-key-account")]
public sealed record ApiKeyAccount([Id(0)] string Name, [Id(1)] string Role, [Id(2)] string? DepartmentId = null);

/// <summary>Filters over the audit log; null means any. <see cref="To"/> is exclusive. Listed newest first.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.audit-query")]
public sealed record AuditQuery(
    [Id(0)] AuditKind? Kind = null,
    [Id(1)] DateTimeOffset? From = null,
    [Id(2)] DateTimeOffset? To = null,
    [Id(3)] int Page = 1,
    [Id(4)] int PageSize = 50)
{
    public bool Matches(AuditEntry e) =>
        (Kind is null || e.Kind == Kind) && (From is null || e.At >= From) && (To is null || e.At < To);
}

[GenerateSerializer, Immutable, Alias("dispatcher.audit-page")]
public sealed record AuditPage([Id(0)] IReadOnlyList<AuditEntry> Items, [Id(1)] long Total, [Id(2)] int Page, [Id(3)] int PageSize);
