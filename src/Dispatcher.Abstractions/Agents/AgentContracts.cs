namespace Dispatcher.Abstractions.Agents;

[GenerateSerializer, Alias("dispatcher.agent-status")]
public enum AgentStatus { SignedOut, Available }

[GenerateSerializer, Immutable, Alias("dispatcher.agent-view")]
public sealed record AgentView(
    [Id(0)] string AgentId,
    [Id(1)] AgentStatus Status,
    [Id(2)] DateTimeOffset? SignedInAt,
    [Id(3)] string Day,
    [Id(4)] int CasesTakenToday,
    [Id(5)] int CasesTakenTotal,
    [Id(6)] double? AverageHandlingSecondsToday = null,
    [Id(7)] double? AverageHandlingSecondsTotal = null,
    [Id(8)] double SignedInSecondsToday = 0);

/// <summary>A call-taker (话务员): sign-in state and the cases they took.</summary>
[Alias("dispatcher.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    [Alias("SignIn")] Task<AgentView> SignIn();
    [Alias("SignOut")] Task<AgentView> SignOut();
    /// <summary>Counts a case this agent took, with how long the call took when known; idempotent per case id.</summary>
    [Alias("RecordCaseTaken")] Task RecordCaseTaken(string caseId, TimeSpan? handlingTime = null);
    [Alias("Get")] Task<AgentView> Get();
}
