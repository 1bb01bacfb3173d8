using Dispatcher.Agents;
using Dispatcher.City;

namespace Dispatcher.Grains.Agents;

[GenerateSerializer, Alias("dispatcher.agent-state")]
public sealed class AgentState
{
    [Id(0)] public AgentStatus Status { get; set; }
    [Id(1)] public DateTimeOffset? SignedInAt { get; set; }
    [Id(2)] public string Day { get; set; } = "";
    [Id(3)] public List<string> CasesToday { get; set; } = [];
    [Id(4)] public int CasesTotal { get; set; }
}

/// <summary>A call-taker: sign-in state and the cases taken today (a day of the city's calendar).</summary>
public sealed class AgentGrain(
    [PersistentState("agent", DispatcherNames.Storage)] IPersistentState<AgentState> state,
    CityDirectory city,
    TimeProvider clock) : Grain, IAgentGrain
{
    public async Task<AgentView> SignIn()
    {
        if (state.State.Status != AgentStatus.Available)
        {
            state.State.Status = AgentStatus.Available;
            state.State.SignedInAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }
        return View();
    }

    public async Task<AgentView> SignOut()
    {
        if (state.State.Status != AgentStatus.SignedOut)
        {
            state.State.Status = AgentStatus.SignedOut;
            state.State.SignedInAt = null;
            await state.WriteStateAsync();
        }
        return View();
    }

    public async Task RecordCaseTaken(string caseId)
    {
        RollDay();
        if (state.State.CasesToday.Contains(caseId)) return;
        state.State.CasesToday.Add(caseId);
        state.State.CasesTotal++;
        await state.WriteStateAsync();
    }

    public Task<AgentView> Get() => Task.FromResult(View());

    private void RollDay()
    {
        var today = city.DayOf(clock.GetUtcNow());
        if (state.State.Day == today) return;
        state.State.Day = today;
        state.State.CasesToday.Clear();
    }

    private AgentView View()
    {
        RollDay();
        var s = state.State;
        return new AgentView(this.GetPrimaryKeyString(), s.Status, s.SignedInAt, s.Day, s.CasesToday.Count, s.CasesTotal);
    }
}
