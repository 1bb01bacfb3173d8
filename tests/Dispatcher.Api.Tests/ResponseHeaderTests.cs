using System.Net;
using System.Net.Http.Headers;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class ResponseHeaderTests(DispatcherHostFixture host)
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : "(absent)";

    [Theory]
    [InlineData("/api/city", HttpStatusCode.OK)]
    [InlineData("/api/cases/ZZ-0000-0000-0000", HttpStatusCode.NotFound)]
    [InlineData("/api/no-such-resource", HttpStatusCode.NotFound)]
    public async Task Api_responses_forbid_sniffing_framing_referrers_and_caching_and_do_not_name_the_server(string path, HttpStatusCode expected)
    {
        var response = await host.Client(AgentKey).GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.Equal("(absent)", Header(response, "Server"));
    }

    [Fact]
    public async Task The_dashboard_cannot_be_framed_and_keeps_its_scripts()
    {
        var response = await host.Client(Admin).GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("(absent)", Header(response, "Server"));
    }

    public static TheoryData<string, string, string?, HttpStatusCode> Refusals => new()
    {
        { "GET", "/api/no-such-resource", null, HttpStatusCode.NotFound },
        { "GET", "/no-such-page", null, HttpStatusCode.NotFound },
        { "DELETE", "/api/city", null, HttpStatusCode.MethodNotAllowed },
        { "PATCH", "/api/cases", null, HttpStatusCode.MethodNotAllowed },
        { "POST", "/api/cases", "text/plain", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/cases", "application/xml", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Unknown_routes_wrong_methods_and_wrong_content_types_answer_problem_details(string method, string path, string? contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new StringContent("""{"channel":"web"}""");
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        var response = await host.Client(Channel).SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{method} {path}: expected problem details, got '{response.Content.Headers.ContentType}' {text}");
        Assert.Equal((int)expected, (await response.Json())["status"]!.GetValue<int>());
    }
}
