using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class RequestBodyLimitTests(DispatcherHostFixture host)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_valid_intake_padded_to_200_KB_is_refused_with_413_and_nothing_is_stored(bool chunked)
    {
        var agent = host.Client(AgentKey);
        var before = await agent.TotalCases();
        // Valid JSON: the intake followed by 200 KB of whitespace, so only the size can refuse it.
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Api.Intake("road-damage", "erqi")) + new string(' ', 200 * 1024));
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!chunked) content.Headers.ContentLength = body.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        var response = await host.Client(Channel).SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"chunked={chunked}: expected 413, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.Json())["status"]!.GetValue<int>());
        Assert.Equal(before, await agent.TotalCases());
    }
}
