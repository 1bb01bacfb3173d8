using Microsoft.AspNetCore.Antiforgery;

namespace Dispatcher.Host.Security.Staff;

/// <summary>
/// Antiforgery for the console (ADR-024): every unsafe request authenticated by the session cookie
/// — and the sign-in itself — must carry the token from <c>GET /api/session</c> in the
/// <see cref="Header"/> header, or it is refused with a 400 problem before any endpoint runs.
/// Requests with an API key carry no ambient credential a foreign page could borrow, so they are
/// not affected.
/// </summary>
public static class CookieAntiforgery
{
    public const string Header = "X-CSRF-Token";
    public const string CookieName = "dispatcher-csrf";

    /// <summary>Endpoint metadata: validate even though the caller is not signed in yet (the sign-in).</summary>
    public sealed class RequiredMetadata;

    public static IServiceCollection AddCookieAntiforgery(this IServiceCollection services) => services.AddAntiforgery(o =>
    {
        o.HeaderName = Header;
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.SuppressXFrameOptionsHeader = true; // SecurityHeaders already sends DENY
    });

    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!IsSafe(http.Request.Method) && (http.User.IsSession() || http.GetEndpoint()?.Metadata.GetMetadata<RequiredMetadata>() is not null)
            && !CallerSchemes.CarriesKey(http))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await Results.Problem(statusCode: 400, title: "Antiforgery token missing or invalid",
                    detail: $"Send the token from GET /api/session in the {Header} header. Nothing was changed.").ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    });

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
