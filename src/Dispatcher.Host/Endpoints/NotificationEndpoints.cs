using Dispatcher.Abstractions.Notifications;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Options;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/notifications: how citizen notifications are doing (R6, ADR-026), for operations.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications", Stats).RequireAuthorization(Policies.Admin).WithTags("Notifications")
            .Produces<NotificationStatsResponse>().WithSummary("Citizen notifications: pending, delivered, refused, given up, failed attempts");
    }

    private static async Task<NotificationStatsResponse> Stats(IGrainFactory grains, IOptions<NotificationOptions> options)
    {
        var o = options.Value;
        var partitions = await Task.WhenAll(Enumerable.Range(0, o.Partitions)
            .Select(p => grains.GetGrain<INotificationQueueGrain>(p.ToString(System.Globalization.CultureInfo.InvariantCulture)).Stats()));
        return new NotificationStatsResponse(
            o.EnabledChannels().Select(c => c.ToString().ToLowerInvariant()).Order().ToArray(),
            partitions.Sum(p => p.Pending), partitions.Sum(p => p.Delivered), partitions.Sum(p => p.Rejected), partitions.Sum(p => p.GivenUp),
            partitions.Sum(p => p.FailedAttempts), partitions.Min(p => p.OldestPendingAt), o.GiveUpAfter);
    }
}

/// <summary>Totals over every queue partition.</summary>
public sealed record NotificationStatsResponse(string[] Channels, int Pending, long Delivered, long Rejected, long GivenUp, long FailedAttempts,
    DateTimeOffset? OldestPendingAt, TimeSpan GiveUpAfter);
