using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Dispatcher.Domain.City;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header, or HTTP Basic with the key as password (so a browser
/// can open the dashboard). Failures are RFC 7807 problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        var entry = keys.Find(presented);
        if (entry is null) return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(entry), SchemeName)));
    }

    /// <summary>The caller a known key stands for (also for keys that travel in a form field, as Open311's api_key does).</summary>
    public static ClaimsPrincipal PrincipalFor(ApiKeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name), new(ClaimTypes.Role, entry.Role) };
        if (entry.DepartmentId is not null) claims.Add(new Claim(Roles.DepartmentClaim, entry.DepartmentId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(Header, out var key) && !string.IsNullOrEmpty(key)) return key.ToString();
        if (AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var auth) &&
            string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is not null)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter));
                var colon = decoded.IndexOf(':');
                return colon >= 0 ? decoded[(colon + 1)..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Two challenges, each its own header, Basic first: a browser (the dashboard) then asks for a
        // user name and password at once; folded into one header after ApiKey, it may not.
        Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues(
            ["Basic realm=\"Dispatcher\", charset=\"UTF-8\"", $"ApiKey header=\"{Header}\""]);
        await WriteProblem(StatusCodes.Status401Unauthorized, "Authentication required",
            $"Send a valid API key in the {Header} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", "Your key's role may not do this.");

    private Task WriteProblem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
    }
}
