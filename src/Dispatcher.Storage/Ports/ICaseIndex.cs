using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Deadlines;

namespace Dispatcher.Storage.Ports;

/// <summary>Where the case index lives: memory in the embedded mode, PostgreSQL in production.</summary>
public interface ICaseIndex
{
    /// <summary>Writes the row unless a row with the same or a newer version is already there.</summary>
    Task Upsert(CaseIndexRow row, CancellationToken cancellationToken = default);
    Task<CasePage> Search(CaseQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> cases of <paramref name="bucket"/> (ADR-030) whose wake time is at
    /// or before <paramref name="now"/>, earliest first.
    /// </summary>
    Task<IReadOnlyList<string>> DueForWake(DeadlineBucket bucket, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
