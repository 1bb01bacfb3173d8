using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Dispatcher.Api.Tests;

/// <summary>
/// A browser-like client of the console's session: it keeps cookies, reads the antiforgery token
/// from GET /api/session and sends it with every change, as the console's pages do.
/// </summary>
public sealed class StaffSessionClient : IDisposable
{
    public CookieContainer Cookies { get; } = new();
    public HttpClient Http { get; }
    public string? Token { get; private set; }

    public StaffSessionClient(Uri baseAddress) =>
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public async Task<HttpResponseMessage> SignIn(string login, string password)
    {
        await Refresh();
        var response = await Send(HttpMethod.Post, "/api/session", new { login, password });
        if (response.IsSuccessStatusCode) Token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["antiforgeryToken"]!.GetValue<string>();
        return response;
    }

    /// <summary>Signs in with the demo password and fails the test unless it worked.</summary>
    public async Task<StaffSessionClient> SignedInAs(string login)
    {
        using var response = await SignIn(login, DemoPassword(login));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {login}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return this;
    }

    public static string DemoPassword(string login) => "demo-" + login;

    public async Task Refresh()
    {
        var session = await Http.GetFromJsonAsync<JsonObject>("/api/session");
        Token = session!["antiforgeryToken"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body = null, bool withToken = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (withToken && Token is not null) request.Headers.Add("X-CSRF-Token", Token);
        return await Http.SendAsync(request);
    }

    public bool HasSessionCookie => Cookies.GetAllCookies().Any(c => c.Name == "dispatcher-session" && !c.Expired);

    public void Dispose() => Http.Dispose();
}
