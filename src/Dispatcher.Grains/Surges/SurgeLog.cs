using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Surges;

/// <summary>Surge log messages: ids, categories, districts and counts only, never citizen data.</summary>
internal static partial class SurgeLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Surge incident {SurgeId} opened for {Category} in {District} by {OpenedBy}")]
    public static partial void SurgeOpened(this ILogger logger, string surgeId, string category, string district, string openedBy);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Surge incident {SurgeId} closing: {Count} cases to resolve")]
    public static partial void SurgeClosing(this ILogger logger, string surgeId, int count);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Surge incident {SurgeId} closed: {Count} cases resolved")]
    public static partial void SurgeClosed(this ILogger logger, string surgeId, int count);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Surge incident {SurgeId}: resolving case {CaseId} failed; retrying")]
    public static partial void SurgeResolveFailed(this ILogger logger, Exception ex, string surgeId, string caseId);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Surge incident {SurgeId}: telling {Target} of a change failed")]
    public static partial void SurgeTellFailed(this ILogger logger, Exception ex, string surgeId, string target);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Surge counter {PairKey}: reading the last hour from the case index failed; counting from empty")]
    public static partial void SurgeSeedFailed(this ILogger logger, Exception ex, string pairKey);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "Surge counter {PairKey}: the surge registry did not answer; intakes go on without it")]
    public static partial void SurgeRegistryUnreachable(this ILogger logger, Exception ex, string pairKey);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Warning, Message = "Surge incident {SurgeId}: {Pending} audit entries not yet in the audit log; they go with its next change")]
    public static partial void SurgeAuditFailed(this ILogger logger, Exception ex, string surgeId, int pending);
}
