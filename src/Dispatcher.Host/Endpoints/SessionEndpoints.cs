using System.Globalization;
using System.Security.Claims;
using Dispatcher.Abstractions.Accounts;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Host.Security;
using Dispatcher.Host.Security.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using static Dispatcher.Host.Security.SecuritySetup;

namespace Dispatcher.Host.Endpoints;

/// <summary>/api/session: a person signs in to the console and out again (ADR-024); /api/staff: lift a lock.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session").WithTags("Session");
        session.MapGet("/", Current).AllowAnonymous().Produces<SessionView>()
            .WithSummary("Who is signed in, and the antiforgery token the console sends with every change");
        session.MapPost("/", SignIn).AllowAnonymous().WithMetadata(new CookieAntiforgery.RequiredMetadata())
            .Accepts<SignInRequest>("application/json").Produces<SessionView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(429)
            .WithSummary("Sign in with login and password; sets the session cookie");
        session.MapDelete("/", (Func<HttpContext, Task<IResult>>)SignOut).AllowAnonymous().Produces(204).WithSummary("Sign out: the session cookie is removed");
        app.MapPost("/api/staff/{login}/unlock", async (string login, ClaimsPrincipal user, StaffSignIn signIn) => await signIn.Unlock(login, user.ToActor().ToString()))
            .RequireAuthorization(Policies.Admin).WithTags("Session").Produces<SignInLock>()
            .WithSummary("Lift the lock-out of a login after repeated wrong passwords");
        return app;
    }

    /// <summary>What the console needs to know about the signed-in person.</summary>
    public sealed record SessionView(bool SignedIn, string? Login, string? DisplayName, string? Role, string? DepartmentId, bool Head, string AntiforgeryToken);

    public sealed record SignInRequest(string? Login, string? Password);

    private static SessionView Current(HttpContext http, IAntiforgery antiforgery) => View(http, http.User, antiforgery);

    private static async Task<IResult> SignIn(HttpContext http, StaffSignIn signIn, IAntiforgery antiforgery)
    {
        var body = await JsonBody.Read<SignInRequest>(http.Request);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Login) || body.Login.Length > StaffSignIn.MaxLoginLength) errors["login"] = [$"Required, at most {StaffSignIn.MaxLoginLength} characters."];
        if (string.IsNullOrEmpty(body.Password) || body.Password.Length > 256) errors["password"] = ["Required, at most 256 characters."];
        if (errors.Count > 0) throw new ValidationException(errors);

        var attempt = await signIn.Attempt(body.Login!, body.Password!);
        if (attempt.Lock.Locked)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(((attempt.Lock.LockedUntil ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: 429, title: "Locked after repeated wrong passwords",
                detail: "Too many wrong passwords for this login. Wait, or ask an administrator to unlock it.",
                extensions: new Dictionary<string, object?> { ["code"] = "locked", ["retryAfterSeconds"] = seconds });
        }
        if (!attempt.Succeeded)
            return Results.Problem(statusCode: 401, title: "Wrong login or password", detail: "The login or the password is not right.",
                extensions: new Dictionary<string, object?> { ["code"] = "wrongPassword" });

        var principal = StaffSession.Principal(attempt.Account!);
        await http.SignInAsync(StaffSession.Scheme, principal);
        return Results.Ok(View(http, principal, antiforgery));
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        await http.SignOutAsync(StaffSession.Scheme);
        return Results.NoContent();
    }

    /// <summary>The view, with an antiforgery token bound to <paramref name="user"/> (the new person right after sign-in).</summary>
    private static SessionView View(HttpContext http, ClaimsPrincipal user, IAntiforgery antiforgery)
    {
        http.User = user;
        var token = antiforgery.GetAndStoreTokens(http).RequestToken ?? "";
        return user.IsSession()
            ? new SessionView(true, user.Name(), user.DisplayName(), user.Role(), user.DepartmentId(), user.IsDepartmentHead(), token)
            : new SessionView(false, null, null, null, null, false, token);
    }
}
