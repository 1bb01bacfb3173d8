using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Storage.Ports;

/// <summary>
/// Where a department appends the notices it applied since its last snapshot (ADR-011): one batch
/// per group commit, numbered from 0 within a snapshot generation. Appending, not rewriting, makes a
/// write cost its own notices only.
/// </summary>
public interface IDepartmentJournalStore
{
    Task<JournalRead> Read(string departmentId, long generation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores one batch. Throws <see cref="Orleans.Storage.InconsistentStateException"/> when that batch
    /// number is already taken — another activation of the department wrote it — so the caller
    /// deactivates and re-reads instead of writing over it (<see cref="JournalConflict"/>).
    /// </summary>
    Task Append(string departmentId, long generation, int batch, IReadOnlyList<DepartmentNotice> notices, CancellationToken cancellationToken = default);

    /// <summary>Drops the batches of generations before <paramref name="generation"/>: a snapshot of that generation holds them.</summary>
    Task Trim(string departmentId, long generation, CancellationToken cancellationToken = default);
}
