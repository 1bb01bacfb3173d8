using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Storage.Ports;

/// <summary>The notices of one snapshot generation, in order, and the number the next batch takes.</summary>
public sealed record JournalRead(IReadOnlyList<DepartmentNotice> Notices, int NextBatch);
