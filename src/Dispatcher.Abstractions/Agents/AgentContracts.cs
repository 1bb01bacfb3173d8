namespace Dispatcher.Agents;

[GenerateSerializer, Alias("dispatcher.agent-status")]
public enum AgentStatus { SignedOut, Available }

[GenerateSerializer, Immutable, Alias("dispatcher.agent-view")]
public sealed record AgentView(
    string AgentId,
    AgentStatus Status,
    DateTimeOffset? SignedInAt,
    string Day,
    int CasesTakenToday,
    int CasesTakenTotal);

/// <summary>A call-taker (话务员): sign-in state and the cases they took.</summary>
[Alias("dispatcher.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    [Alias("SignIn")] Task<AgentView> SignIn();
    [Alias("SignOut")] Task<AgentView> SignOut();
    /// <summary>Counts a case this agent took; idempotent per case id.</summary>
    [Alias("RecordCaseTaken")] Task RecordCaseTaken(string caseId);
    [Alias("Get")] Task<AgentView> Get();
}
