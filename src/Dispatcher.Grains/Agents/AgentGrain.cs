using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Agents;
using Dispatcher.Domain.City;

namespace Dispatcher.Grains.Agents;

[GenerateSerializer, Alias("dispatcher.agent-state")]
public sealed class AgentState
{
    [Id(0)] public AgentStatus Status { get; set; }
    [Id(1)] public DateTimeOffset? SignedInAt { get; set; }
    [Id(2)] public string Day { get; set; } = "";
    /// <summary>The last few cases taken (newest last): enough to ignore a retried call, and bounded so a
    /// busy day does not make every write larger.</summary>
    [Id(3)] public List<string> RecentCases { get; set; } = [];
    [Id(4)] public int CasesTotal { get; set; }
    [Id(5)] public double HandlingSecondsToday { get; set; }
    [Id(6)] public int TimedCallsToday { get; set; }
    [Id(7)] public double HandlingSecondsTotal { get; set; }
    [Id(8)] public int TimedCallsTotal { get; set; }
    /// <summary>Time signed in today before the current session.</summary>
    [Id(9)] public TimeSpan SignedInEarlierToday { get; set; }
    [Id(10)] public int CasesTodayCount { get; set; }
}

/// <summary>A call-taker: sign-in state and the cases taken today (a day of the city's calendar).</summary>
public sealed class AgentGrain(
    [PersistentState("agent", DispatcherNames.Storage)] IPersistentState<AgentState> state,
    CityDirectory city,
    TimeProvider clock) : Grain, IAgentGrain
{
    /// <summary>A retry of RecordCaseTaken comes within seconds of the first call, long before this many other cases.</summary>
    private const int RecentCasesKept = 32;

    public async Task<AgentView> SignIn()
    {
        if (state.State.Status != AgentStatus.Available)
        {
            state.State.Status = AgentStatus.Available;
            state.State.SignedInAt = clock.GetUtcNow();
            await state.WriteOrReload(this);
        }
        return View();
    }

    public async Task<AgentView> SignOut()
    {
        if (state.State.Status != AgentStatus.SignedOut)
        {
            RollDay();
            state.State.SignedInEarlierToday += SessionToday();
            state.State.Status = AgentStatus.SignedOut;
            state.State.SignedInAt = null;
            await state.WriteOrReload(this);
        }
        return View();
    }

    public async Task RecordCaseTaken(string caseId, TimeSpan? handlingTime = null)
    {
        RollDay();
        var s = state.State;
        if (s.RecentCases.Contains(caseId)) return;
        while (s.RecentCases.Count >= RecentCasesKept) s.RecentCases.RemoveAt(0);
        s.RecentCases.Add(caseId);
        s.CasesTodayCount++;
        s.CasesTotal++;
        if (handlingTime is { } t)
        {
            s.HandlingSecondsToday += t.TotalSeconds;
            s.TimedCallsToday++;
            s.HandlingSecondsTotal += t.TotalSeconds;
            s.TimedCallsTotal++;
        }
        await state.WriteOrReload(this);
    }

    public Task<AgentView> Get() => Task.FromResult(View());

    private void RollDay()
    {
        var today = city.DayOf(clock.GetUtcNow());
        if (state.State.Day == today) return;
        state.State.Day = today;
        state.State.CasesTodayCount = 0;
        state.State.HandlingSecondsToday = 0;
        state.State.TimedCallsToday = 0;
        state.State.SignedInEarlierToday = TimeSpan.Zero;
    }

    /// <summary>The current session's time since the start of today (city time).</summary>
    private TimeSpan SessionToday()
    {
        if (state.State.SignedInAt is not { } since) return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        var local = now.ToOffset(city.UtcOffset);
        var midnight = new DateTimeOffset(local.Date, city.UtcOffset);
        return now - (since > midnight ? since : midnight);
    }

    private AgentView View()
    {
        RollDay();
        var s = state.State;
        return new AgentView(this.GetPrimaryKeyString(), s.Status, s.SignedInAt, s.Day, s.CasesTodayCount, s.CasesTotal,
            s.TimedCallsToday == 0 ? null : Math.Round(s.HandlingSecondsToday / s.TimedCallsToday, 1),
            s.TimedCallsTotal == 0 ? null : Math.Round(s.HandlingSecondsTotal / s.TimedCallsTotal, 1),
            Math.Round((s.SignedInEarlierToday + SessionToday()).TotalSeconds));
    }
}
