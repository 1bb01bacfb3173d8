using Dispatcher.Abstractions.Departments;
using Dispatcher.Storage.Ports;

namespace Dispatcher.Storage.Memory;

/// <summary>
/// The embedded mode's journal: kept in the silo process, like its grain storage, so it outlives a
/// department's deactivation. Notices are immutable records, so batches hold them without copying.
/// </summary>
public sealed class MemoryDepartmentJournalStore : IDepartmentJournalStore
{
    private readonly Dictionary<string, SortedDictionary<(long Generation, int Batch), DepartmentNotice[]>> _departments = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<JournalRead> Read(string departmentId, long generation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_departments.TryGetValue(departmentId, out var batches)) return Task.FromResult(new JournalRead([], 0));
            var ofGeneration = batches.Where(b => b.Key.Generation == generation).ToList();
            var next = ofGeneration.Count == 0 ? 0 : ofGeneration[^1].Key.Batch + 1;
            return Task.FromResult(new JournalRead(ofGeneration.SelectMany(b => b.Value).ToList(), next));
        }
    }

    public Task Append(string departmentId, long generation, int batch, IReadOnlyList<DepartmentNotice> notices, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_departments.TryGetValue(departmentId, out var batches))
                _departments[departmentId] = batches = [];
            if (!batches.TryAdd((generation, batch), [.. notices]))
                throw JournalConflict.For(departmentId, generation, batch);
        }
        return Task.CompletedTask;
    }

    public Task Trim(string departmentId, long generation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_departments.TryGetValue(departmentId, out var batches))
                foreach (var key in batches.Keys.Where(k => k.Generation < generation).ToList()) batches.Remove(key);
        }
        return Task.CompletedTask;
    }
}
