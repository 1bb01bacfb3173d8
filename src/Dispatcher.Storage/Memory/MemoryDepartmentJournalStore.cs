using Dispatcher.Abstractions.Departments;
using Dispatcher.Storage.Ports;

namespace Dispatcher.Storage.Memory;

/// <summary>
/// The embedded mode's journal: kept in the silo process, like its grain storage, so it outlives a
/// department's deactivation. Notices are immutable records, so batches hold them without copying.
/// Batches are kept per generation, so trimming drops whole generations instead of scanning every
/// batch of the department (a department stores after every group commit).
/// </summary>
public sealed class MemoryDepartmentJournalStore : IDepartmentJournalStore
{
    private readonly Dictionary<string, Dictionary<long, SortedList<int, DepartmentNotice[]>>> _departments = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<JournalRead> Read(string departmentId, long generation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_departments.TryGetValue(departmentId, out var generations) || !generations.TryGetValue(generation, out var batches) || batches.Count == 0)
                return Task.FromResult(new JournalRead([], 0));
            return Task.FromResult(new JournalRead(batches.Values.SelectMany(b => b).ToList(), batches.Keys[^1] + 1));
        }
    }

    public Task Append(string departmentId, long generation, int batch, IReadOnlyList<DepartmentNotice> notices, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_departments.TryGetValue(departmentId, out var generations))
                _departments[departmentId] = generations = [];
            if (!generations.TryGetValue(generation, out var batches))
                generations[generation] = batches = [];
            if (!batches.TryAdd(batch, [.. notices]))
                throw JournalConflict.For(departmentId, generation, batch);
        }
        return Task.CompletedTask;
    }

    public Task Trim(string departmentId, long generation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // A department holds one or two generations: removing while enumerating keys is allowed for
            // Dictionary since .NET Core 3.0, and avoids LINQ's pooled buffers on this path.
            if (_departments.TryGetValue(departmentId, out var generations))
                foreach (var old in generations.Keys)
                    if (old < generation) generations.Remove(old);
        }
        return Task.CompletedTask;
    }
}
