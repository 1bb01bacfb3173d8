namespace Dispatcher.Storage.Postgres;

/// <summary>
/// Connection pools per silo (section Dispatcher:Postgres). Keep
/// silos × (StoragePoolSize + IndexPoolSize + 4 for membership) + a margin for migrations and psql below the server's max_connections.
/// </summary>
public sealed class PostgresSettings
{
    /// <summary>Connections Orleans' grain storage and reminders may hold (membership has its own 4).</summary>
    public int StoragePoolSize { get; set; } = 20;
    /// <summary>Connections the case index, the case storage (ADR-029), reconciler and health check may hold.</summary>
    public int IndexPoolSize { get; set; } = 10;
}
