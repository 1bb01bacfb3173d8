using System.Security.Claims;
using Dispatcher.Domain.City;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dispatcher.Host.Security.Staff;

/// <summary>
/// The console's cookie session (ADR-024): a person's claims are the same role and department
/// claims an API key produces, so every policy and <see cref="CallerScope"/> treats a signed-in
/// clerk exactly like its department's key — only the name (the login) differs, and it becomes the
/// history actor.
/// </summary>
public static class StaffSession
{
    public const string Scheme = "Session";
    public const string CookieName = "dispatcher-session";
    public const string DisplayNameClaim = "dispatcher:display-name";
    public const string HeadClaim = "dispatcher:head";
    public const string StampClaim = "dispatcher:stamp";

    /// <summary>A shift and a half: an idle session ends after this, an active one slides.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static ClaimsPrincipal Principal(StaffAccount account)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.Login),
            new(ClaimTypes.Role, account.Role),
            new(DisplayNameClaim, account.DisplayName),
            new(StampClaim, StaffDirectory.Stamp(account)),
        };
        if (account.DepartmentId is not null) claims.Add(new Claim(Roles.DepartmentClaim, account.DepartmentId));
        if (account.Head) claims.Add(new Claim(HeadClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static bool IsSession(this ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };

    public static bool IsDepartmentHead(this ClaimsPrincipal user) => user.HasClaim(HeadClaim, "true");

    public static string? DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(DisplayNameClaim);

    public static void Configure(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.Path = "/";
        o.ExpireTimeSpan = Lifetime;
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = c => Problem(c.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required", "Sign in first.");
        o.Events.OnRedirectToAccessDenied = c => Problem(c.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your role may not do this.");
        o.Events.OnValidatePrincipal = Revalidate;
    }

    /// <summary>A session whose account was removed or changed since sign-in is over (rotation).</summary>
    private static async Task Revalidate(CookieValidatePrincipalContext context)
    {
        var staff = context.HttpContext.RequestServices.GetRequiredService<StaffDirectory>();
        var account = context.Principal?.Identity?.Name is { } login ? staff.Find(login) : null;
        if (account is not null && context.Principal!.FindFirstValue(StampClaim) == StaffDirectory.Stamp(account)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static Task Problem(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
    }
}
