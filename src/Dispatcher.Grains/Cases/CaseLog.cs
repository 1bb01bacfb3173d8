using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Cases;

/// <summary>Case log messages. Never log citizen contact data or descriptions (R14).</summary>
internal static partial class CaseLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Case {CaseId} received: {Category} in {District} → {Target} (rule {RuleId})")]
    public static partial void CaseReceived(this ILogger logger, string caseId, string category, string district, string target, string? ruleId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Case {CaseId}: delivering {Pending} notices failed; retrying")]
    public static partial void OutboxDeliveryFailed(this ILogger logger, Exception ex, string caseId, int pending);


    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Case {CaseId}: {Action} {From} → {To} by {ActorKind}")]
    public static partial void CaseTransition(this ILogger logger, string caseId, CaseAction action, CaseStatus from, CaseStatus to, ActorKind actorKind);
}
