using System.Net;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class IntakeValidationTests(DispatcherHostFixture host)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"channel":"web","category":"no-such-thing","district":"erqi","description":"x","citizen":{}}""", "category" },
        { """{"channel":"web","category":"road-damage","district":"atlantis","description":"x","citizen":{}}""", "district" },
        { """{"channel":"web","category":"road-damage","district":"erqi","citizen":{}}""", "description" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"   ","citizen":{}}""", "description" },
        { Body("description", new string('x', 4001)), "description" },
        { Body("address", new string('a', 501)), "address" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","citizen":{"phone":"12345"}}""", "citizen.phone" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","citizen":{"phone":"call me maybe"}}""", "citizen.phone" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","priority":"whenever"}""", "priority" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","priority":3}""", "priority" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","attributes":"site=1"}""", "attributes" },
        { """{"channel":"web","category":42,"district":"erqi","description":"x"}""", "category" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","citizen":"Zhang"}""", "citizen" },
        { """{"category":"road-damage","district":"erqi","description":"x"}""", "channel" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","lat":123.0}""", "lat" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","color":"blue"}""", "color" },
        { """{"channel":"web","category":"road-damage",""", "body" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","lat":"NaN"}""", "lat" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","long":"-Infinity"}""", "long" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","citizen":{"phone":"13800138000\n"}}""", "citizen.phone" },
        { """{"channel":"web","category":"road-damage","district":"erqi","description":"x","citizen":{"phone":"１３８００１３８０００"}}""", "citizen.phone" },
        { """{"channel":"web","category":"road-damage","district":"zhongmou","description":"x","originLine":"zhongmou-hotline"}""", "originLine" },
    };

    /// <summary>A valid road-damage intake with one field overridden.</summary>
    private static string Body(string field, string value) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["channel"] = "web", ["category"] = "road-damage", ["district"] = "erqi", ["description"] = "x", [field] = value,
    });

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_intake_gets_a_field_level_400_and_nothing_is_stored(string body, string field)
    {
        var agent = host.Client(AgentKey);
        var before = await agent.TotalCases();

        var response = await host.Client(Channel).PostRaw("/api/cases", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error for '{field}', got {errors.ToJsonString()}");
        Assert.Equal(before, await agent.TotalCases());
    }

    [Fact]
    public async Task A_well_formed_landline_and_mobile_are_accepted()
    {
        var channel = host.Client(Channel);
        Assert.NotNull(await channel.Submit(Api.Intake("road-damage", "erqi", phone: "0371-67180000")));
        Assert.NotNull(await channel.Submit(Api.Intake("road-damage", "erqi", phone: "+8613912345678")));
    }

    [Fact]
    public async Task Citizen_phone_numbers_never_reach_the_logs()
    {
        const string phone = "13987654321";
        var id = await host.Client(Channel).Submit(Api.Intake("road-damage", "guancheng", phone: phone));
        await host.Client(AgentKey).GetAsync($"/api/cases/{id}");

        Assert.NotEmpty(host.Logs);
        Assert.DoesNotContain(host.Logs, line => line.Contains(phone) || line.Contains("98765432"));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_case_and_never_a_second_one()
    {
        var channel = host.Client(Channel);
        var agent = host.Client(AgentKey);
        var key = Guid.NewGuid().ToString();
        var before = await agent.TotalCases();

        var first = await channel.PostJson("/api/cases", Api.Intake("street-lighting", "erqi"), key);
        var second = await channel.PostJson("/api/cases", Api.Intake("street-lighting", "erqi"), key);
        var other = await channel.PostJson("/api/cases", Api.Intake("street-lighting", "erqi"), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstId = (await first.Json())["id"]!.GetValue<string>();
        Assert.Equal(firstId, (await second.Json())["id"]!.GetValue<string>());
        Assert.NotEqual(firstId, (await other.Json())["id"]!.GetValue<string>());
        Assert.Equal(before + 2, await agent.TotalCases());
    }

    [Fact]
    public async Task An_unknown_or_malformed_tracking_number_is_404()
    {
        var agent = host.Client(AgentKey);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/cases/ZZ-0000-0000-0000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/cases/not-a-case")).StatusCode);
        var ack = await host.Client(Dept("city-water")).PostJson("/api/cases/ZZ-0000-0000-0000/acknowledge", new { });
        Assert.Equal(HttpStatusCode.NotFound, ack.StatusCode);
    }

    [Fact]
    public async Task Search_filters_validate_their_values()
    {
        var response = await host.Client(AgentKey).GetAsync("/api/cases?status=flying&pageSize=1000&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Json())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("status") && errors.ContainsKey("pageSize") && errors.ContainsKey("from"), errors.ToJsonString());
    }
}
