using Dispatcher.City;
using Dispatcher.Departments;
using Dispatcher.Stats;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Dispatcher.Grains.Departments;

/// <summary>
/// A department: applies case notices to its inbox and monthly counters (on the transition's own
/// call path), then publishes them on its stream for the department's own system.
/// </summary>
public sealed class DepartmentGrain(
    [PersistentState("department", DispatcherNames.Storage)] IPersistentState<DepartmentLedger> state,
    CityDirectory city,
    ILogger<DepartmentGrain> logger) : Grain, IDepartmentGrain
{
    private DepartmentBook Book => new(state.State, city.MonthOf);
    private IAsyncStream<DepartmentEvent>? _stream;

    public async Task Apply(DepartmentNotice notice)
    {
        if (!Book.Apply(notice)) return;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        await Publish(notice);
    }

    public Task<IReadOnlyList<InboxItem>> GetInbox() => Task.FromResult(Book.Inbox());

    public Task<DepartmentStats> GetStats(string month) => Task.FromResult(Book.Stats(this.GetPrimaryKeyString(), month));

    /// <summary>The stream is a notification, the inbox is the truth: a failed publish is logged, not retried.</summary>
    private async Task Publish(DepartmentNotice n)
    {
        var id = this.GetPrimaryKeyString();
        try
        {
            _stream ??= this.GetStreamProvider(DispatcherNames.StreamProvider)
                .GetStream<DepartmentEvent>(StreamId.Create(DispatcherNames.DepartmentStreamNamespace, id));
            await _stream.OnNextAsync(new DepartmentEvent(id, n.CaseId, n.Sequence, n.Kind, n.At, n.Category, n.District, n.Note));
        }
        catch (Exception ex)
        {
            DepartmentLog.PublishFailed(logger, ex, id, n.CaseId, n.Kind);
        }
    }
}

internal static partial class DepartmentLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Department {DepartmentId}: publishing {Kind} of case {CaseId} failed; the inbox still holds it")]
    public static partial void PublishFailed(ILogger logger, Exception ex, string departmentId, string caseId, DepartmentNoticeKind kind);
}
