using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Dispatcher.Api.Tests.Open311;

/// <summary>
/// Talks to /open311/v2 as an outside client does: form posts, and answers read with independent
/// parsers (XDocument, JsonDocument) — never with the host's own writers. Each test class gets a
/// loopback address of its own, so the per-client read limit is not shared between tests.
/// </summary>
public sealed class Open311Client(DispatcherHostFixture host, string address)
{
    public const string Base = "/open311/v2";

    public HttpClient Http { get; } = host.ClientFrom(IPAddress.Parse(address));

    public async Task<HttpResponseMessage> Post(string format, IEnumerable<KeyValuePair<string, string>> form, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/requests.{format}") { Content = new FormUrlEncodedContent(form) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Http.SendAsync(request);
    }

    /// <summary>A GET that must answer <paramref name="expected"/>; the XML body.</summary>
    public async Task<XDocument> Xml(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync($"{Base}/{path}");
        return await ReadXml(response, expected, path);
    }

    public async Task<JsonElement> Json(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync($"{Base}/{path}");
        return await ReadJson(response, expected, path);
    }

    public static async Task<XDocument> ReadXml(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return XDocument.Parse(text);
    }

    public static async Task<JsonElement> ReadJson(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static int _spots;

    /// <summary>
    /// A construction-noise report in Jinshui near Huayuan Rd &amp; Nongye Rd, each at a spot of its own
    /// on a 400 m grid (reports within 300 m of each other would be merged as one incident).
    /// </summary>
    public static List<KeyValuePair<string, string>> NoiseReport(string apiKey = DispatcherHostFixture.Channel, string? siteManagedBy = null)
    {
        var spot = Interlocked.Increment(ref _spots);
        Assert.True(spot < 60, "more noise reports than grid spots (60 and up are the outside-client tests' own): widen the grid");
        var (lat, lon) = Spot(spot);
        var form = new List<KeyValuePair<string, string>>
        {
            new("api_key", apiKey),
            new("service_code", "construction-noise"),
            new("lat", lat),
            new("long", lon),
            new("address_string", $"No. {spot} Huayuan Rd"),
            new("description", "Piling after midnight next to the residential block"),
            new("first_name", "San"),
            new("last_name", "Zhang"),
            new("phone", "13812345678"),
            new("email", "zhang.san@example.com"),
        };
        if (siteManagedBy is not null) form.Add(new("attribute[siteManagedBy]", siteManagedBy));
        return form;
    }

    /// <summary>Grid spot n inside Jinshui (34.790–34.818 N, 113.645–113.673 E).</summary>
    public static (string Lat, string Long) Spot(int n) =>
        ((34.790 + n % 8 * 0.004).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
         (113.645 + n / 8 % 8 * 0.004).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));

    public static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, string name, string? value)
    {
        var changed = form.Where(f => f.Key != name).ToList();
        if (value is not null) changed.Add(new(name, value));
        return changed;
    }
}
