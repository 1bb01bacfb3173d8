using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Grains.Audit;

[GenerateSerializer, Alias("dispatcher.audit-log-state")]
public sealed class AuditLogState
{
    /// <summary>Every entry, oldest first, each chained to the one before (ADR-023).</summary>
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];

    /// <summary>The API-key set last recorded (name → grants, Domain/Audit/ApiKeyChanges); null before the first recording.</summary>
    [Id(1)] public Dictionary<string, string>? ApiKeys { get; set; }
}
