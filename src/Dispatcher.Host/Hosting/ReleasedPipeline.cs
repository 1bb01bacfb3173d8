namespace Dispatcher.Host.Hosting;

/// <summary>
/// Lets go of the rest of the request pipeline when the application has stopped.
/// </summary>
/// <remarks>
/// ASP.NET Core's rate-limiting middleware builds a partitioned limiter that it never disposes
/// (dotnet/aspnetcore#69259). That limiter's timer stays in the runtime's timer queue for the life
/// of the process, and the middleware's next delegate is reachable from it, so without this link
/// every stopped app stays in memory with its whole silo: its grains, its catalog and its caches.
/// One host per process (production) loses nothing by it. A process that starts and stops many hosts
/// (the load tests, the API test suites) kept several GB alive. Placed right after
/// <c>UseRateLimiter</c>, this link is what the middleware holds.
/// </remarks>
public static class ReleasedPipeline
{
    public static IApplicationBuilder UseReleasedAfterStop(this IApplicationBuilder app)
    {
        var lifetime = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>();
        return app.Use(next =>
        {
            var link = new Link(next);
            lifetime.ApplicationStopped.Register(link.Release);
            return link.Invoke;
        });
    }

    private sealed class Link(RequestDelegate next)
    {
        private RequestDelegate? _next = next;

        /// <summary>A request after the stop (none should reach here: the server has stopped) gets a 503.</summary>
        public Task Invoke(HttpContext http)
        {
            if (Volatile.Read(ref _next) is { } next) return next(http);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        public void Release() => Volatile.Write(ref _next, null);
    }
}
