namespace Dispatcher.Storage.Ports;

public static class JournalConflict
{
    /// <summary>What every store throws when a batch number is already taken (the contract of <see cref="IDepartmentJournalStore.Append"/>).</summary>
    public static Orleans.Storage.InconsistentStateException For(string departmentId, long generation, int batch) =>
        new($"Department {departmentId}: journal batch {generation}/{batch} was already written by another activation.");
}
