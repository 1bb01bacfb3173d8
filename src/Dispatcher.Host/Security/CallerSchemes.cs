using System.Net.Http.Headers;
using Dispatcher.Host.Security.Staff;

namespace Dispatcher.Host.Security;

/// <summary>
/// Picks how a request is authenticated: a request that carries a key (the key header or HTTP
/// Basic) is a machine's and goes to the ApiKey scheme; any other is a person's and goes to the
/// session cookie. Challenges always come from the ApiKey scheme, so a 401 reads the same to all.
/// </summary>
public static class CallerSchemes
{
    public const string Selector = "Dispatcher";

    public static bool CarriesKey(HttpContext http) =>
        http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ||
        (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var auth) &&
         string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase));

    public static string Pick(HttpContext http) => CarriesKey(http) ? ApiKeyAuthenticationHandler.SchemeName : StaffSession.Scheme;
}
