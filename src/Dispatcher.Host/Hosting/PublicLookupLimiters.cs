using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Hosting;

/// <summary>
/// The limiters behind <see cref="PublicLookupRateLimits"/>, owned by the container so that they are
/// disposed with it: each partitioned limiter runs a timer until it is disposed.
/// </summary>
public sealed class PublicLookupLimiters : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext>[] _parts;

    public PublicLookupLimiters(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _parts =
        [
            Limit<PublicLookupRateLimits.Marker>(http => http.Connection.RemoteIpAddress?.ToString(), limits.PublicLookupPerClientPerMinute, TimeSpan.FromMinutes(1)),
            Limit<PublicLookupRateLimits.Marker>(http => (http.Request.RouteValues["id"] as string)?.ToUpperInvariant(), limits.PublicLookupPerCasePerHour, TimeSpan.FromHours(1)),
            Limit<PublicLookupRateLimits.PerClientMarker>(http => http.Connection.RemoteIpAddress?.ToString(), limits.Open311PerClientPerMinute, TimeSpan.FromMinutes(1)),
        ];
        Global = PartitionedRateLimiter.CreateChained(_parts);
    }

    /// <summary>Per client address and per tracking number for the status lookup; per client address for Open311's reads.</summary>
    public PartitionedRateLimiter<HttpContext> Global { get; }

    /// <summary>A fixed window per key, for the endpoints that carry <typeparamref name="TMarker"/>.</summary>
    private static PartitionedRateLimiter<HttpContext> Limit<TMarker>(Func<HttpContext, string?> key, int permits, TimeSpan window) where TMarker : class =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.GetEndpoint()?.Metadata.GetMetadata<TMarker>() is null
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetFixedWindowLimiter(key(http) ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    /// <summary>The chained limiter does not dispose the limiters it chains.</summary>
    public void Dispose()
    {
        Global.Dispose();
        foreach (var part in _parts) part.Dispose();
    }
}
