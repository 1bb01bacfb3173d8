using System.Net;
using System.Text.Json;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Open311;

/// <summary>
/// The public list: paging, the filters of the spec (service_request_id overriding every other),
/// and what a listed number does not open (a channel reads only the cases it took).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class Open311ListTests(DispatcherHostFixture host)
{
    private readonly Open311Client _open311 = new(host, "127.0.0.118");

    /// <summary>With milliseconds: a request of the test before, in the same second, stays out.</summary>
    private static string Encode(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

    private static string[] Ids(JsonElement list) => list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToArray();

    private async Task<string> Create()
    {
        var created = await Open311Client.ReadJson(await _open311.Post("json", Open311Client.NoiseReport()), HttpStatusCode.Created, "create");
        return created[0].GetProperty("service_request_id").GetString()!;
    }

    [Fact]
    public async Task Pages_come_newest_first_and_the_id_list_overrides_every_other_filter()
    {
        // The host's tests run one at a time: since this instant, the construction-noise requests are this test's.
        var since = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Create());
            await Task.Delay(1100); // requested_datetime has whole seconds: keep the order visible
        }
        var filter = $"service_code=construction-noise&start_date={Encode(since)}";

        Assert.Equal([ids[2], ids[1]], Ids(await _open311.Json($"requests.json?{filter}&page_size=2")));
        Assert.Equal([ids[0]], Ids(await _open311.Json($"requests.json?{filter}&page_size=2&page=2")));
        Assert.Empty(Ids(await _open311.Json($"requests.json?{filter}&page_size=2&page=3")));
        Assert.Equal([ids[2], ids[1], ids[0]], Ids(await _open311.Json($"requests.json?{filter}")));
        // A client that did not URL-encode the offset's "+" (it arrives as a space) means the same instant.
        var unencoded = since.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");
        Assert.Equal([ids[2], ids[1], ids[0]], Ids(await _open311.Json($"requests.json?service_code=construction-noise&start_date={unencoded}")));
        Assert.Empty(Ids(await _open311.Json($"requests.json?{filter}&status=closed")));
        Assert.Empty(Ids(await _open311.Json($"requests.json?service_code=road-damage&start_date={Encode(since)}")));
        var before = Ids(await _open311.Json($"requests.json?service_code=construction-noise&start_date={Encode(since.AddDays(-1))}&end_date={Encode(since)}"));
        Assert.Empty(before.Intersect(ids));
        Assert.Empty(Ids(await _open311.Json($"requests.json?start_date={Encode(DateTimeOffset.UtcNow.AddDays(1))}"))); // a window in the future

        // service_request_id wins over service_code, status and dates; unknown and malformed ids are left out.
        var listed = Ids(await _open311.Json(
            $"requests.json?service_request_id={ids[0]},ZZ-0000-0000-0000,junk,{ids[2]}&service_code=road-damage&status=closed&start_date=2020-01-01&end_date=2020-01-02"));
        Assert.Equal([ids[0], ids[2]], listed);
    }

    [Fact]
    public async Task A_number_from_the_public_list_does_not_open_the_case_to_a_channel_that_did_not_take_it()
    {
        var taken = await Create();
        var agentsCase = await host.Client(AgentKey).Submit(Api.Intake("road-damage", "erqi"));
        var channel = host.Client(Channel);

        Assert.Equal(HttpStatusCode.OK, (await channel.GetAsync($"/api/cases/{taken}")).StatusCode);
        var listed = Ids(await _open311.Json($"requests.json?service_request_id={agentsCase}"));
        Assert.Equal([agentsCase], listed);
        Assert.Equal(HttpStatusCode.Forbidden, (await channel.GetAsync($"/api/cases/{agentsCase}")).StatusCode);
    }
}
