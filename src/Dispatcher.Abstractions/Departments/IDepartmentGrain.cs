namespace Dispatcher.Abstractions.Departments;

/// <summary>A responsible unit (承办单位): its inbox of open cases and its monthly counters.</summary>
[Alias("dispatcher.IDepartmentGrain")]
public interface IDepartmentGrain : IGrainWithStringKey
{
    /// <summary>Applies a case transition to the inbox and counters and publishes it; idempotent per (case, sequence).</summary>
    [Alias("Apply")] Task Apply(DepartmentNotice notice);
    [Alias("GetInbox")] Task<IReadOnlyList<InboxItem>> GetInbox();
    /// <summary>Counters for a calendar month "YYYY-MM" of the city's time zone.</summary>
    [Alias("GetStats")] Task<DepartmentStats> GetStats(string month);
}
