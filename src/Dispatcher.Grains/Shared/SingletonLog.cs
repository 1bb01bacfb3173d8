using Dispatcher.Abstractions.Audit;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Shared;

/// <summary>Log messages of the versioned singletons.</summary>
internal static partial class SingletonLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "{Kind}: delivering {Pending} audit entries to the audit log failed; retrying")]
    public static partial void AuditDeliveryFailed(this ILogger logger, Exception ex, AuditKind kind, int pending);
}
