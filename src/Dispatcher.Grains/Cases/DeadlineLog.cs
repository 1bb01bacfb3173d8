using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Cases;

/// <summary>Deadline bucket log messages (ADR-030): bucket numbers and case ids only.</summary>
internal static partial class DeadlineLog
{
    [LoggerMessage(EventId = 9301, Level = LogLevel.Warning, Message = "Deadline scan of bucket {Bucket} failed; retrying in {Interval}")]
    public static partial void ScanFailed(this ILogger logger, Exception exception, int bucket, TimeSpan interval);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Waking case {CaseId} for its deadlines failed")]
    public static partial void WakeFailed(this ILogger logger, Exception exception, string caseId);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Information, Message = "Deadline bucket {Bucket} retired: the bucket count is now {Buckets}")]
    public static partial void BucketRetired(this ILogger logger, int bucket, int buckets);
}
