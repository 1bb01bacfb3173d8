using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Domain.City;
using Dispatcher.Host.Live;
using Dispatcher.Host.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// /api/live: Server-Sent Events for the console (ADR-025), fed by the department streams and the
/// departments' counters. Each stream starts with <c>ready</c> (the page then loads its list, so
/// nothing sent while it was away is missed), sends <c>ping</c> every 15 s so proxies keep it open,
/// and is limited to the caller's scope exactly like the inbox and stats routes.
/// </summary>
public static class LiveEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    /// <summary>The scoreboard sends changed departments' figures at most this often, however busy the city is.</summary>
    private static readonly TimeSpan ScoreboardTick = TimeSpan.FromSeconds(1);

    /// <summary>A department's figures for the month, and the assignments it received in the last minute.</summary>
    public sealed record ScoreboardRow(DepartmentStats Stats, int AssignedLastMinute);

    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/api/live").WithTags("Live").RequireAuthorization(Policies.Staff);
        live.MapGet("/departments/{id}", (string id, ClaimsPrincipal user, CityDirectory city, DepartmentFeed feed, IOptions<JsonOptions> json, CancellationToken aborted) =>
            {
                DepartmentEndpoints.Authorize(id, user, city);
                return TypedResults.ServerSentEvents(DepartmentEvents(id, feed, json.Value.SerializerOptions, aborted));
            })
            .WithSummary("A department's events (dispatched, acknowledged, warned, overdue, …) as they happen");
        live.MapGet("/scoreboard", (ClaimsPrincipal user, CityDirectory city, DepartmentFeed feed, IGrainFactory grains, TimeProvider clock,
                IOptions<JsonOptions> json, CancellationToken aborted) =>
            {
                var scope = user.Scope();
                if (!scope.IsCityWide && scope.Departments.Count == 0) throw new Dispatcher.Abstractions.Errors.ForbiddenActionException("Your key sees no department.");
                var ids = city.Departments.Select(d => d.Id).Where(scope.Covers).ToArray();
                return TypedResults.ServerSentEvents(Scoreboard(ids, city, feed, grains, clock, json.Value.SerializerOptions, aborted));
            })
            .WithSummary("Every department's monthly figures in the caller's scope, sent again when its stream says something changed");
        return app;
    }

    private static async IAsyncEnumerable<SseItem<string>> DepartmentEvents(string id, DepartmentFeed feed, JsonSerializerOptions json,
        [EnumeratorCancellation] CancellationToken aborted)
    {
        using var listener = await feed.Listen([id]);
        yield return new SseItem<string>("{}", "ready");
        while (!aborted.IsCancellationRequested)
        {
            var next = await Next(listener, Heartbeat, aborted);
            if (next is null) yield return new SseItem<string>("{}", "ping");
            else yield return new SseItem<string>(JsonSerializer.Serialize(next, json), "case");
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> Scoreboard(string[] ids, CityDirectory city, DepartmentFeed feed, IGrainFactory grains,
        TimeProvider clock, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken aborted)
    {
        using var listener = await feed.Listen(ids);
        var assigned = new Queue<(DateTimeOffset At, string Department)>();
        yield return new SseItem<string>("{}", "ready");
        var dirty = new HashSet<string>(ids, StringComparer.Ordinal);
        var quietSince = clock.GetUtcNow();
        while (!aborted.IsCancellationRequested)
        {
            if (dirty.Count > 0)
            {
                var month = city.MonthOf(clock.GetUtcNow());
                var minuteAgo = clock.GetUtcNow().AddMinutes(-1);
                while (assigned.TryPeek(out var a) && a.At < minuteAgo) assigned.Dequeue();
                var rows = await Task.WhenAll(dirty.Select(async d =>
                    new ScoreboardRow(await grains.GetGrain<IDepartmentGrain>(d).GetStats(month), assigned.Count(a => a.Department == d))));
                dirty.Clear();
                yield return new SseItem<string>(JsonSerializer.Serialize(new { rows, intakePerMinute = assigned.Count }, json), "stats");
                quietSince = clock.GetUtcNow();
            }
            var next = await Next(listener, ScoreboardTick, aborted);
            if (next is not null)
            {
                if (next.Kind == DepartmentNoticeKind.Assigned) assigned.Enqueue((next.At, next.DepartmentId));
                dirty.Add(next.DepartmentId);
                // Let a burst collect for one tick, then send its departments once.
                await Pause(ScoreboardTick, aborted);
                while (listener.Events.TryRead(out var more))
                {
                    if (more.Kind == DepartmentNoticeKind.Assigned) assigned.Enqueue((more.At, more.DepartmentId));
                    dirty.Add(more.DepartmentId);
                }
            }
            else if (clock.GetUtcNow() - quietSince >= Heartbeat)
            {
                yield return new SseItem<string>("{}", "ping");
                quietSince = clock.GetUtcNow();
            }
        }
    }

    private static async Task Pause(TimeSpan wait, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(wait, aborted);
        }
        catch (OperationCanceledException)
        {
            // The page went away: the loop ends on its next check.
        }
    }

    /// <summary>The next event, or null when none came within <paramref name="wait"/> (or the page went away).</summary>
    private static async Task<DepartmentEvent?> Next(DepartmentFeed.Listener listener, TimeSpan wait, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(wait);
        try
        {
            return await listener.Events.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            return null;
        }
    }
}
