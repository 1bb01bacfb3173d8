namespace Dispatcher.Abstractions.Audit;

/// <summary>
/// The admin audit log (ADR-023): one hash-chained list of rule, hotline, knowledge-base and account
/// changes for the city (key <see cref="DispatcherNames.SingletonKey"/>). Appending is for the
/// dispatcher's own paths; reading is for admins.
/// </summary>
[Alias("dispatcher.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends the change, chained; a (kind, version) already recorded returns the entry it made.</summary>
    [Alias("Append")] Task<AuditEntry> Append(AuditChange change);

    /// <summary>
    /// Records the configured API-key set when it differs from the last one recorded (keys added,
    /// removed, role changed — by name); null when nothing changed.
    /// </summary>
    [Alias("RecordApiKeys")] Task<AuditEntry?> RecordApiKeys(IReadOnlyList<ApiKeyAccount> keys, string by);

    [Alias("List")] Task<AuditPage> List(AuditQuery query);

    /// <summary>Every entry as stored, oldest first, for verification.</summary>
    [Alias("Entries")] Task<IReadOnlyList<AuditEntry>> Entries();
}
