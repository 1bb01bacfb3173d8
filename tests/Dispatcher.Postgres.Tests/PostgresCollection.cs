namespace Dispatcher.Postgres.Tests;

/// <summary>PostgreSQL tests run one at a time: they start silos and stop servers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresCollection
{
    public const string Name = "postgres";
}
