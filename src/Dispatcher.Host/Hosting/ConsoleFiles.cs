using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Dispatcher.Host.Hosting;

/// <summary>
/// Serves the operator console (ADR-025): plain HTML, CSS and ES modules from wwwroot/console at
/// <see cref="Path"/>, no build step. Pages are revalidated on every load (no-cache) so a new
/// release shows at once, and a strict content security policy allows only the host's own files.
/// </summary>
public static class ConsoleFiles
{
    public const string Path = "/console";

    /// <summary>Scripts, styles, images and connections (the API and the live stream) from this host only; no inline script.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IApplicationBuilder UseConsoleFiles(this IApplicationBuilder app)
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "console");
        if (!Directory.Exists(folder)) return app;
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript";
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
