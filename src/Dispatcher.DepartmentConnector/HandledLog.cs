namespace Dispatcher.DepartmentConnector;

/// <summary>
/// The (case, assignment) pairs this process has handled, so a case announced by both the stream
/// and a reconciliation is handled once. Memory only and bounded: after a restart the case grain's
/// request-id check and the case's status keep actions from repeating.
/// </summary>
public sealed class HandledLog(int capacity = 100_000)
{
    private readonly HashSet<(string CaseId, long Assignment)> _seen = [];
    private readonly Queue<(string, long)> _order = new();
    private readonly Lock _lock = new();

    public bool Contains(string caseId, long assignment)
    {
        lock (_lock) return _seen.Contains((caseId, assignment));
    }

    public void Add(string caseId, long assignment)
    {
        lock (_lock)
        {
            if (!_seen.Add((caseId, assignment))) return;
            _order.Enqueue((caseId, assignment));
            while (_order.Count > capacity) _seen.Remove(_order.Dequeue());
        }
    }
}
