using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Open311;

/// <summary>
/// Every answer's shape against the GeoReport v2 text, field by field, in XML and JSON: element
/// names and the order of the spec's fields, datetimes with a zone offset, codes as strings.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class Open311ShapeTests(DispatcherHostFixture host)
{
    private readonly Open311Client _open311 = new(host, "127.0.0.111");

    /// <summary>The spec's service request fields, in its order.</summary>
    public static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
        "lat", "long", "media_url",
    ];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")]
    public static partial Regex CityDatetime();

    private static string[] Children(XElement element) => element.Elements().Select(e => e.Name.LocalName).ToArray();

    private static string[] Properties(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task Discovery_names_this_endpoint_its_formats_and_where_keys_come_from()
    {
        var xml = (await _open311.Xml("discovery.xml")).Root!;
        Assert.Equal("discovery", xml.Name.LocalName);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], Children(xml));
        Assert.Matches(CityDatetime(), xml.Element("changeset")!.Value);
        var endpoint = Assert.Single(xml.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal(["specification", "url", "changeset", "type", "formats"], Children(endpoint));
        Assert.Equal($"{host.BaseAddress.ToString().TrimEnd('/')}/open311/v2", endpoint.Element("url")!.Value);
        Assert.Equal("production", endpoint.Element("type")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));

        var json = await _open311.Json("discovery.json");
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], Properties(json));
        Assert.Equal(["text/xml", "application/json"], json.GetProperty("endpoints")[0].GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task The_service_list_has_one_service_per_category_with_metadata_where_it_has_attributes()
    {
        var categories = (await host.Client(Channel).GetAsync("/api/city")).Content.ReadAsStringAsync();
        using var city = JsonDocument.Parse(await categories);
        var ids = city.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray();

        var xml = (await _open311.Xml("services.xml")).Root!;
        Assert.Equal("services", xml.Name.LocalName);
        var services = xml.Elements("service").ToArray();
        Assert.Equal(ids, services.Select(s => s.Element("service_code")!.Value));
        foreach (var service in services)
            Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], Children(service));
        var noise = services.Single(s => s.Element("service_code")!.Value == "construction-noise");
        Assert.Equal(("true", "realtime", "environment"), (noise.Element("metadata")!.Value, noise.Element("type")!.Value, noise.Element("group")!.Value));
        Assert.Contains("construction", noise.Element("keywords")!.Value.Split(','));
        Assert.Equal("false", services.Single(s => s.Element("service_code")!.Value == "road-damage").Element("metadata")!.Value);

        var json = await _open311.Json("services.json");
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        var first = json[0];
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], Properties(first));
        Assert.Equal(JsonValueKind.String, first.GetProperty("service_code").ValueKind);
        Assert.Equal(JsonValueKind.True, first.GetProperty("metadata").ValueKind);
        Assert.Equal(ids, json.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()));
    }

    [Fact]
    public async Task A_service_definition_lists_the_routing_attribute_as_a_single_value_list()
    {
        var xml = (await _open311.Xml("services/construction-noise.xml")).Root!;
        Assert.Equal("service_definition", xml.Name.LocalName);
        Assert.Equal(["service_code", "attributes"], Children(xml));
        var attribute = Assert.Single(xml.Element("attributes")!.Elements("attribute"));
        Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"], Children(attribute));
        Assert.Equal(("true", "siteManagedBy", "singlevaluelist", "false", "1"),
            (attribute.Element("variable")!.Value, attribute.Element("code")!.Value, attribute.Element("datatype")!.Value,
             attribute.Element("required")!.Value, attribute.Element("order")!.Value));
        var values = attribute.Element("values")!.Elements("value").ToArray();
        Assert.All(values, v => Assert.Equal(["key", "name"], Children(v)));
        Assert.Contains("construction-committee", values.Select(v => v.Element("key")!.Value));

        var json = await _open311.Json("services/construction-noise.json");
        var first = json.GetProperty("attributes")[0];
        Assert.Equal(JsonValueKind.Number, first.GetProperty("order").ValueKind);
        Assert.Equal(1, first.GetProperty("order").GetInt32());
        Assert.Equal(JsonValueKind.False, first.GetProperty("required").ValueKind);
        Assert.Equal("construction-committee", first.GetProperty("values")[0].GetProperty("key").GetString());

        var plain = (await _open311.Xml("services/road-damage.xml")).Root!;
        Assert.Empty(plain.Element("attributes")!.Elements());
    }

    [Fact]
    public async Task A_created_request_is_answered_with_its_id_and_read_back_with_every_field_in_order_and_no_personal_data()
    {
        using var created = await _open311.Post("xml", Open311Client.NoiseReport());
        var answer = (await Open311Client.ReadXml(created, HttpStatusCode.Created, "create")).Root!;
        Assert.Equal("service_requests", answer.Name.LocalName);
        var receipt = Assert.Single(answer.Elements("request"));
        Assert.Equal(["service_request_id", "service_notice"], Children(receipt)); // an id, never a token as well
        var id = receipt.Element("service_request_id")!.Value;
        Assert.Matches("^ZZ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", id);

        using var xmlResponse = await _open311.Http.GetAsync($"{Open311Client.Base}/requests/{id}.xml");
        var xmlText = await xmlResponse.Content.ReadAsStringAsync();
        var request = Assert.Single(XDocument.Parse(xmlText).Root!.Elements("request"));
        Assert.Equal("service_requests", request.Parent!.Name.LocalName);
        Assert.Equal(RequestFields, Children(request));
        Assert.Equal((id, "open", "construction-noise"), (request.Element("service_request_id")!.Value, request.Element("status")!.Value, request.Element("service_code")!.Value));
        Assert.Equal("金水区环保局 Jinshui District Environment Bureau", request.Element("agency_responsible")!.Value);
        foreach (var field in new[] { "requested_datetime", "updated_datetime", "expected_datetime" })
            Assert.Matches(CityDatetime(), request.Element(field)!.Value);
        Assert.True(DateTimeOffset.Parse(request.Element("expected_datetime")!.Value) > DateTimeOffset.Parse(request.Element("requested_datetime")!.Value));
        Assert.StartsWith("No. ", request.Element("address")!.Value);
        Assert.Equal("", request.Element("status_notes")!.Value);

        using var jsonResponse = await _open311.Http.GetAsync($"{Open311Client.Base}/requests/{id}.json");
        var jsonText = await jsonResponse.Content.ReadAsStringAsync();
        var one = JsonDocument.Parse(jsonText).RootElement;
        Assert.Equal(JsonValueKind.Array, one.ValueKind);
        Assert.Equal(RequestFields, Properties(one[0]));
        Assert.Equal(JsonValueKind.String, one[0].GetProperty("service_request_id").ValueKind);
        Assert.Equal(JsonValueKind.Number, one[0].GetProperty("lat").ValueKind);
        Assert.Equal(JsonValueKind.Null, one[0].GetProperty("status_notes").ValueKind);
        Assert.Matches(CityDatetime(), one[0].GetProperty("requested_datetime").GetString()!);

        // No name, phone or e-mail in either format — and the extended attributes carry none either.
        var extended = await (await _open311.Http.GetAsync($"{Open311Client.Base}/requests/{id}.json?extensions=true")).Content.ReadAsStringAsync();
        foreach (var body in new[] { xmlText, jsonText, extended })
            foreach (var personal in new[] { "Zhang", "San", "13812345678", "example.com" })
                Assert.DoesNotContain(personal, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_description_with_characters_xml_cannot_hold_is_still_answered_as_well_formed_xml()
    {
        var form = Open311Client.With(Open311Client.NoiseReport(), "description", "Piling\u0001 at night\uFFFE");
        var id = (await Open311Client.ReadJson(await _open311.Post("json", form), HttpStatusCode.Created, "create"))[0].GetProperty("service_request_id").GetString();

        var request = (await _open311.Xml($"requests/{id}.xml")).Root!.Element("request")!;

        Assert.Equal("Piling\uFFFD at night\uFFFD", request.Element("description")!.Value);
    }

    [Fact]
    public async Task Errors_are_a_list_of_code_and_description_in_both_formats()
    {
        var xml = (await _open311.Xml("services/no-such-service.xml", HttpStatusCode.NotFound)).Root!;
        Assert.Equal("errors", xml.Name.LocalName);
        var error = Assert.Single(xml.Elements("error"));
        Assert.Equal(["code", "description"], Children(error));
        Assert.Equal("404", error.Element("code")!.Value);

        var json = await _open311.Json("services/no-such-service.json", HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.Equal(["code", "description"], Properties(json[0]));
        Assert.Equal(404, json[0].GetProperty("code").GetInt32());
        Assert.Contains("no-such-service", json[0].GetProperty("description").GetString());
    }
}
