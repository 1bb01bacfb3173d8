using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Dispatcher.Host.Hosting;

/// <summary>
/// The citizen status lookup guesses four digits, so it is limited twice: per client address (one
/// guesser) and per tracking number (many addresses guessing the same case). Refusals are 429 problem
/// details with Retry-After.
/// </summary>
public static class PublicLookupRateLimits
{
    /// <summary>Endpoint metadata that puts an endpoint (with an {id} route value) under these limits.</summary>
    public sealed class Marker;

    /// <summary>
    /// Endpoint metadata for public reads limited per client address only (Open311's GET routes,
    /// Dispatcher:RateLimits:Open311PerClientPerMinute); <see cref="Refuse"/> answers in the endpoint's own error shape.
    /// </summary>
    public abstract class PerClientMarker
    {
        public abstract Task Refuse(HttpContext http, int retryAfterSeconds);
    }

    public static IServiceCollection AddPublicLookupRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PublicLookupPerClientPerMinute is >= 1 and <= 1_000_000,
                "Dispatcher:RateLimits:PublicLookupPerClientPerMinute must be between 1 and 1000000.")
            .Validate(o => o.PublicLookupPerCasePerHour is >= 1 and <= 1_000_000,
                "Dispatcher:RateLimits:PublicLookupPerCasePerHour must be between 1 and 1000000.")
            .Validate(o => o.Open311PerClientPerMinute is >= 1 and <= 1_000_000,
                "Dispatcher:RateLimits:Open311PerClientPerMinute must be between 1 and 1000000.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<PublicLookupLimiters>();
        services.AddOptions<RateLimiterOptions>().Configure<PublicLookupLimiters>((o, limiters) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = limiters.Global;
            o.OnRejected = Reject;
        });
        return services;
    }

    public static TBuilder WithPublicLookupRateLimits<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new Marker());

    private static async ValueTask Reject(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<PerClientMarker>() is { } own)
        {
            await own.Refuse(rejected.HttpContext, seconds);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many lookups",
                detail: "Too many status lookups from this address or for this tracking number. Try again later.",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })
            .ExecuteAsync(rejected.HttpContext);
    }
}
