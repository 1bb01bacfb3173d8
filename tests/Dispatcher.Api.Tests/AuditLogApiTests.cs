using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>GET /api/audit and /api/audit/verify (ADR-023) on the real host: admin changes over HTTP land in the chained log.</summary>
[Collection(HostCollection.Name)]
public sealed class AuditLogApiTests(DispatcherHostFixture host)
{
    private async Task<JsonObject> Read(string path)
    {
        using var response = await host.Client(Admin).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<JsonObject> Latest(string kind) => (await Read($"/api/audit?kind={kind}&pageSize=1"))["items"]!.AsArray().Single()!.AsObject();

    [Fact]
    public async Task An_admins_knowledge_and_rule_edits_appear_in_the_log_with_the_admin_and_the_new_version()
    {
        var admin = host.Client(Admin);
        var knowledge = await Read("/api/knowledge");
        using (var put = await admin.PutAsJsonAsync("/api/knowledge", new JsonObject { ["expectedVersion"] = knowledge["version"]!.DeepClone(), ["entries"] = knowledge["entries"]!.DeepClone() }))
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var kb = await Latest("knowledge");

        Assert.Equal("knowledge", kb["kind"]!.GetValue<string>());
        Assert.Equal("Admin:admin", kb["by"]!.GetValue<string>());
        Assert.Equal(knowledge["version"]!.GetValue<long>() + 1, kb["version"]!.GetValue<long>());
        Assert.Equal($"{knowledge["entries"]!.AsArray().Count} entries, none changed", kb["summary"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", kb["hash"]!.GetValue<string>());

        var rules = await Read("/api/routing/rules");
        using (var put = await admin.PutAsJsonAsync("/api/routing/rules", new JsonObject { ["expectedVersion"] = rules["version"]!.DeepClone(), ["rules"] = rules["rules"]!.DeepClone() }))
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var rule = await Latest("rules");
        Assert.Equal(("Admin:admin", rules["version"]!.GetValue<long>() + 1), (rule["by"]!.GetValue<string>(), rule["version"]!.GetValue<long>()));
        Assert.True(rule["sequence"]!.GetValue<long>() > kb["sequence"]!.GetValue<long>());

        var verdict = await Read("/api/audit/verify");
        Assert.True(verdict["valid"]!.GetValue<bool>(), verdict.ToJsonString());
        Assert.Null(verdict["firstBrokenSequence"]?.GetValue<long?>());
        Assert.Equal((await Read("/api/audit?pageSize=1"))["total"]!.GetValue<long>(), verdict["entries"]!.GetValue<long>());
    }

    [Fact]
    public async Task Start_up_recorded_the_seeds_and_the_configured_key_set_by_name_never_a_key_or_its_hash()
    {
        var seeds = (await Read("/api/audit?kind=rules&pageSize=200"))["items"]!.AsArray();
        Assert.Contains(seeds, e => e!["by"]!.GetValue<string>() == "seed" && e["version"]!.GetValue<long>() == 1);

        var accounts = (await Read("/api/audit?kind=accounts&pageSize=200"))["items"]!.AsArray();
        var keys = accounts.Single(e => e!["by"]!.GetValue<string>() == "configuration")!;
        var summary = keys["summary"]!.GetValue<string>();
        Assert.StartsWith("API keys: added ", summary);
        Assert.Contains("admin (admin)", summary);
        Assert.Contains("(department@jinshui-environment)", summary);
        Assert.DoesNotContain("demo-admin-key", summary);
        Assert.DoesNotContain("ac5bb3526d3be432ba19fb1fc0712d350c160bd2169cd24401c9fcaeaac2d860", summary);
    }

    [Fact]
    public async Task Filters_page_and_refuse_bad_values_field_by_field()
    {
        var hotlines = (await Read("/api/audit?kind=hotlines&from=2000-01-01&to=2999-01-01&page=1&pageSize=5"))["items"]!.AsArray();
        Assert.NotEmpty(hotlines);
        Assert.All(hotlines, e => Assert.Equal("hotlines", e!["kind"]!.GetValue<string>()));
        Assert.Empty((await Read("/api/audit?to=2000-01-01"))["items"]!.AsArray());

        using var bad = await host.Client(Admin).GetAsync("/api/audit?kind=cases&from=yesterday&page=0&pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Json())["errors"]!.AsObject();
        Assert.Equal(["kind", "from", "page", "pageSize"], errors.Select(e => e.Key).ToArray());
    }
}
