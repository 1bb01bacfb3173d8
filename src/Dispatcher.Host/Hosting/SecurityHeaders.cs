namespace Dispatcher.Host.Hosting;

/// <summary>
/// Headers on every response (set as the response starts, so error pages get them too): no MIME
/// sniffing, no framing, no referrer; API responses carry personal data and are never cached. The
/// CSP only forbids framing, so the dashboard page keeps its scripts; the console's allows only its own files.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ConsoleFiles.Path) ? ConsoleFiles.ContentSecurityPolicy : "frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            if (http.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
