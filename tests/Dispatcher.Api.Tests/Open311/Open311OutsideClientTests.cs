using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using System.Xml.XPath;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Open311;

/// <summary>
/// A client written against the GeoReport v2 text alone: it finds the endpoint through discovery,
/// picks the construction-noise service by its keywords, reads the definition to learn the
/// attribute and its values, posts a report on a committee-managed site, follows it to closed and
/// reads its updates — with XPath over XDocument and with JsonDocument, nothing of ours.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class Open311OutsideClientTests(DispatcherHostFixture host)
{
    private const string Answer = "The committee halted night work on the site";

    [Fact]
    public async Task An_xml_client_finds_the_service_reports_follows_and_reads_the_updates()
    {
        using var http = host.ClientFrom(IPAddress.Parse("127.0.0.116"));
        async Task<XDocument> Get(string url)
        {
            using var response = await http.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
            return XDocument.Parse(await response.Content.ReadAsStringAsync());
        }

        var discovery = await Get("/open311/v2/discovery.xml");
        var endpoint = discovery.XPathSelectElement("/discovery/endpoints/endpoint[formats/format='text/xml']/url")!.Value;
        var services = await Get($"{endpoint}/services.xml");
        var service = services.XPathSelectElements("/services/service")
            .Single(s => s.XPathSelectElement("keywords")!.Value.Split(',').Contains("construction") && s.XPathSelectElement("keywords")!.Value.Contains("noise", StringComparison.Ordinal));
        var code = service.XPathSelectElement("service_code")!.Value;
        Assert.Equal("true", service.XPathSelectElement("metadata")!.Value);
        var definition = await Get($"{endpoint}/services/{code}.xml");
        var attribute = definition.XPathSelectElement("/service_definition/attributes/attribute[datatype='singlevaluelist']")!;
        var value = attribute.XPathSelectElements("values/value").Single(v => v.XPathSelectElement("name")!.Value.Contains("construction committee", StringComparison.OrdinalIgnoreCase));

        var (lat, lon) = Open311Client.Spot(60);
        using var posted = await http.PostAsync($"{endpoint}/requests.xml", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = Channel, ["service_code"] = code, ["lat"] = lat, ["long"] = lon,
            [$"attribute[{attribute.XPathSelectElement("code")!.Value}]"] = value.XPathSelectElement("key")!.Value,
            ["description"] = "Night piling on the metro extension site", ["email"] = "someone@example.com",
        }));
        Assert.True(posted.IsSuccessStatusCode, $"POST: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
        var id = XDocument.Parse(await posted.Content.ReadAsStringAsync()).XPathSelectElement("/service_requests/request/service_request_id")!.Value;

        var opened = await Get($"{endpoint}/requests/{id}.xml");
        Assert.Equal("open", opened.XPathSelectElement("/service_requests/request/status")!.Value);
        Assert.Equal("市城乡建设委员会 City Construction Committee", opened.XPathSelectElement("/service_requests/request/agency_responsible")!.Value);
        var requested = DateTimeOffset.Parse(opened.XPathSelectElement("/service_requests/request/requested_datetime")!.Value, CultureInfo.InvariantCulture);

        await Resolve(id);

        var closed = await Get($"{endpoint}/requests/{id}.xml");
        Assert.Equal("closed", closed.XPathSelectElement("/service_requests/request/status")!.Value);
        Assert.Equal(Answer, closed.XPathSelectElement("/service_requests/request/status_notes")!.Value);
        var start = Uri.EscapeDataString(requested.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        var updates = await Get($"{endpoint}/servicerequestupdates.xml?start_date={start}");
        var statuses = updates.XPathSelectElements($"/service_request_updates/request_update[service_request_id='{id}']/status").Select(s => s.Value).ToArray();
        Assert.Equal("FIXED", statuses[^1]);
        Assert.Contains("INVESTIGATING", statuses);
    }

    [Fact]
    public async Task A_json_client_does_the_same()
    {
        using var http = host.ClientFrom(IPAddress.Parse("127.0.0.117"));
        async Task<JsonElement> Get(string url)
        {
            using var response = await http.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.Clone();
        }

        var discovery = await Get("/open311/v2/discovery.json");
        var endpoint = discovery.GetProperty("endpoints").EnumerateArray()
            .First(e => e.GetProperty("formats").EnumerateArray().Any(f => f.GetString() == "application/json")).GetProperty("url").GetString()!;
        var service = (await Get($"{endpoint}/services.json")).EnumerateArray()
            .Single(s => s.GetProperty("keywords").GetString()!.Split(',').Contains("construction") && s.GetProperty("metadata").GetBoolean());
        var code = service.GetProperty("service_code").GetString()!;
        var attribute = (await Get($"{endpoint}/services/{code}.json")).GetProperty("attributes")[0];
        var key = attribute.GetProperty("values").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString()!.Contains("construction committee", StringComparison.OrdinalIgnoreCase)).GetProperty("key").GetString()!;

        var (lat, lon) = Open311Client.Spot(61);
        using var posted = await http.PostAsync($"{endpoint}/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = Channel, ["service_code"] = code, ["lat"] = lat, ["long"] = lon,
            [$"attribute[{attribute.GetProperty("code").GetString()}]"] = key, ["description"] = "Night piling on the metro extension site",
        }));
        Assert.True(posted.IsSuccessStatusCode, $"POST: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
        using var receipt = JsonDocument.Parse(await posted.Content.ReadAsStringAsync());
        var id = receipt.RootElement[0].GetProperty("service_request_id").GetString()!;
        var requested = DateTimeOffset.Parse((await Get($"{endpoint}/requests/{id}.json"))[0].GetProperty("requested_datetime").GetString()!, CultureInfo.InvariantCulture);

        await Resolve(id);

        var closed = (await Get($"{endpoint}/requests/{id}.json"))[0];
        Assert.Equal(("closed", Answer), (closed.GetProperty("status").GetString(), closed.GetProperty("status_notes").GetString()));
        var start = Uri.EscapeDataString(requested.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        var mine = (await Get($"{endpoint}/servicerequestupdates.json?start_date={start}")).EnumerateArray()
            .Where(u => u.GetProperty("service_request_id").GetString() == id).ToArray();
        Assert.Equal("FIXED", mine[^1].GetProperty("status").GetString());
        Assert.Equal(Answer, mine[^1].GetProperty("description").GetString());
    }

    /// <summary>The construction committee handles it with its own key.</summary>
    private async Task Resolve(string id)
    {
        var committee = host.Client(Dept("city-construction-committee"));
        foreach (var (verb, body) in new (string, object)[] { ("acknowledge", new { }), ("reply", new { text = "Inspectors are on their way" }), ("resolve", new { text = Answer }) })
        {
            var response = await committee.PostJson($"/api/cases/{id}/{verb}", body);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{verb}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
