using System.Net;
using System.Text.Json;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Open311;

/// <summary>
/// Create → list → one → updates after the department (its own key) signs for, replies and
/// resolves: the request ends closed with the department's answer as status_notes, in XML and JSON.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class Open311RoundTripTests(DispatcherHostFixture host)
{
    private readonly Open311Client _open311 = new(host, "127.0.0.112");

    private const string Reply = "Inspectors stopped the piling at 01:10";
    private const string Resolution = "Site fined; night work permit withdrawn";

    private static string Encode(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:sszzz"));

    [Fact]
    public async Task In_xml_a_request_is_followed_from_open_to_closed_with_the_reply_as_status_notes_and_its_updates()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-2);
        var id = (await Open311Client.ReadXml(await _open311.Post("xml", Open311Client.NoiseReport()), HttpStatusCode.Created, "create"))
            .Root!.Element("request")!.Element("service_request_id")!.Value;

        var open = await _open311.Xml($"requests.xml?service_code=construction-noise&status=open&start_date={Encode(since)}");
        Assert.Contains(id, open.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value));

        var before = (await _open311.Xml($"requests/{id}.xml")).Root!.Element("request")!;
        Assert.Equal("open", before.Element("status")!.Value);

        await Handle(id, CaseStages.Jinshui);

        var after = (await _open311.Xml($"requests/{id}.xml?extensions=true")).Root!.Element("request")!;
        Assert.Equal("closed", after.Element("status")!.Value);
        Assert.Equal(Resolution, after.Element("status_notes")!.Value);
        Assert.Equal("", after.Element("expected_datetime")!.Value);
        var extended = after.Element("extended_attributes")!;
        Assert.Equal(("FIXED", "resolved", "open311"), (extended.Element("status")!.Value, extended.Element("external_status_code")!.Value, extended.Element("channel")!.Value));
        var notes = extended.Element("notes")!.Elements("note").ToArray();
        Assert.Equal(["submit", "route", "acknowledge", "reply", "resolve"], notes.Select(n => n.Element("type")!.Value));
        Assert.Equal(Reply, notes[3].Element("description")!.Value);

        var closed = await _open311.Xml($"requests.xml?status=closed&start_date={Encode(since)}");
        Assert.Contains(id, closed.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value));
        var stillOpen = await _open311.Xml($"requests.xml?status=open&start_date={Encode(since)}");
        Assert.DoesNotContain(id, stillOpen.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value));

        var path = $"servicerequestupdates.xml?start_date={Encode(since)}&end_date={Encode(DateTimeOffset.UtcNow.AddSeconds(2))}";
        var updates = (await _open311.Xml(path)).Root!;
        Assert.Equal("service_request_updates", updates.Name.LocalName);
        var mine = updates.Elements("request_update").Where(u => u.Element("service_request_id")!.Value == id).ToArray();
        Assert.All(mine, u => Assert.Equal(
            ["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url", "external_status_code"],
            u.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal(["OPEN", "OPEN", "INVESTIGATING", "ACTION_SCHEDULED", "FIXED"], mine.Select(u => u.Element("status")!.Value));
        Assert.Equal([Reply, Resolution], mine[3..].Select(u => u.Element("description")!.Value));
        Assert.All(mine, u => Assert.Matches(Open311ShapeTests.CityDatetime(), u.Element("updated_datetime")!.Value));
        Assert.Equal(mine.Length, mine.Select(u => u.Element("update_id")!.Value).Distinct().Count());

        // update_id is stable: the same updates read again carry the same ids.
        var again = (await _open311.Xml(path)).Root!.Elements("request_update").Where(u => u.Element("service_request_id")!.Value == id);
        Assert.Equal(mine.Select(u => u.Element("update_id")!.Value), again.Select(u => u.Element("update_id")!.Value));
    }

    [Fact]
    public async Task In_json_the_same_round_trip_reads_the_same_fields()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-2);
        var created = await Open311Client.ReadJson(await _open311.Post("json", Open311Client.NoiseReport()), HttpStatusCode.Created, "create");
        var id = created[0].GetProperty("service_request_id").GetString()!;

        var list = await _open311.Json($"requests.json?service_code=construction-noise&start_date={Encode(since)}");
        Assert.Contains(id, list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));

        await Handle(id, CaseStages.Jinshui);

        var one = (await _open311.Json($"requests/{id}.json"))[0];
        Assert.Equal(("closed", Resolution), (one.GetProperty("status").GetString(), one.GetProperty("status_notes").GetString()));
        Assert.Equal(JsonValueKind.Null, one.GetProperty("expected_datetime").ValueKind);

        var updates = await _open311.Json($"servicerequestupdates.json?start_date={Encode(since)}");
        var mine = updates.EnumerateArray().Where(u => u.GetProperty("service_request_id").GetString() == id).ToArray();
        Assert.Equal(["received", "dispatched", "acknowledged", "replied", "resolved"], mine.Select(u => u.GetProperty("external_status_code").GetString()));
        Assert.Equal(Reply, mine[3].GetProperty("description").GetString());
        Assert.All(mine, u => Assert.StartsWith(id + "-", u.GetProperty("update_id").GetString()));
    }

    [Theory]
    [InlineData(null, null, "金水区环保局 Jinshui District Environment Bureau")]
    [InlineData("construction-committee", null, "市城乡建设委员会 City Construction Committee")]
    // An explicit district wins over lat/long: the Jinshui spot, but reported for Erqi → the city rule.
    [InlineData(null, "erqi", "市城市管理局 City Urban Management Bureau")]
    public async Task A_construction_noise_request_routes_by_the_source_articles_rules(string? siteManagedBy, string? district, string agency)
    {
        var form = Open311Client.With(Open311Client.NoiseReport(siteManagedBy: siteManagedBy), "attribute[district]", district);
        var created = await Open311Client.ReadJson(await _open311.Post("json", form), HttpStatusCode.Created, "create");
        var id = created[0].GetProperty("service_request_id").GetString()!;
        Assert.Equal($"Sent to {agency}.", created[0].GetProperty("service_notice").GetString());
        Assert.Equal(agency, (await _open311.Json($"requests/{id}.json"))[0].GetProperty("agency_responsible").GetString());
    }

    [Fact]
    public async Task A_second_report_of_the_same_incident_gets_its_own_id_and_a_notice_naming_the_incident()
    {
        var first = Open311Client.NoiseReport();
        var second = Open311Client.With(Open311Client.With(first, "address_string", "Same site, north gate"), "description", "Still piling");
        var primary = (await Open311Client.ReadJson(await _open311.Post("json", first), HttpStatusCode.Created, "first"))[0]
            .GetProperty("service_request_id").GetString()!;

        var merged = (await Open311Client.ReadJson(await _open311.Post("json", second), HttpStatusCode.Created, "second"))[0];
        var id = merged.GetProperty("service_request_id").GetString()!;
        Assert.NotEqual(primary, id);
        Assert.Contains(primary, merged.GetProperty("service_notice").GetString());

        var read = (await _open311.Json($"requests/{id}.json?extensions=true"))[0];
        Assert.Equal("closed", read.GetProperty("status").GetString());
        Assert.Contains(primary, read.GetProperty("service_notice").GetString());
        var extended = read.GetProperty("extended_attributes");
        Assert.Equal(("DUPLICATE", true, primary), (extended.GetProperty("status").GetString(), extended.GetProperty("duplicate").GetBoolean(),
            extended.GetProperty("parent_service_request_id").GetString()));
    }

    [Fact]
    public async Task A_partner_lines_category_is_handed_to_it_and_shown_as_its_agency()
    {
        var form = Open311Client.With(Open311Client.With(Open311Client.NoiseReport(), "service_code", "water-billing"), "description", "Billed twice for November");
        var created = (await Open311Client.ReadXml(await _open311.Post("xml", form), HttpStatusCode.Created, "create")).Root!.Element("request")!;
        Assert.Contains("自来水热线 Water company line", created.Element("service_notice")!.Value);

        var read = (await _open311.Xml($"requests/{created.Element("service_request_id")!.Value}.xml?extensions=true")).Root!.Element("request")!;
        Assert.Equal(("open", "自来水热线 Water company line", "INTERNAL_REFERRAL"),
            (read.Element("status")!.Value, read.Element("agency_responsible")!.Value, read.Element("extended_attributes")!.Element("status")!.Value));
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_answers_the_same_request_once()
    {
        var agent = host.Client(AgentKey);
        var form = Open311Client.NoiseReport();
        var key = "o311-" + Guid.NewGuid().ToString("N");
        var first = await Open311Client.ReadXml(await _open311.Post("xml", form, key), HttpStatusCode.Created, "first");
        var total = await agent.TotalCases();

        var retry = await Open311Client.ReadXml(await _open311.Post("xml", form, key), HttpStatusCode.OK, "retry");

        Assert.Equal(first.Root!.Element("request")!.Element("service_request_id")!.Value, retry.Root!.Element("request")!.Element("service_request_id")!.Value);
        Assert.Equal(total, await agent.TotalCases());
    }

    [Fact]
    public async Task A_multipart_post_without_a_file_is_taken_like_a_form_post()
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in Open311Client.NoiseReport()) content.Add(new StringContent(value), name);
        var created = await Open311Client.ReadJson(await _open311.Http.PostAsync($"{Open311Client.Base}/requests.json", content), HttpStatusCode.Created, "multipart");
        var id = created[0].GetProperty("service_request_id").GetString()!;
        Assert.Equal("open", (await _open311.Json($"requests/{id}.json"))[0].GetProperty("status").GetString());
    }

    /// <summary>The department signs for, replies and resolves with its own key, through the department API.</summary>
    private async Task Handle(string id, string department)
    {
        var key = host.Client(Dept(department));
        foreach (var (verb, body) in new (string, object)[] { ("acknowledge", new { }), ("reply", new { text = Reply }), ("resolve", new { text = Resolution }) })
        {
            var response = await key.PostJson($"/api/cases/{id}/{verb}", body);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{verb} {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
