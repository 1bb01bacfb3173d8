using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Tests.Shared;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Notifications;

/// <summary>
/// The citizen hears back (R6, ADR-026) through a real SMS webhook receiver and a real SMTP server:
/// at intake, at the reply and at the resolution; a failing gateway is retried without holding up
/// the case; a refused message is not retried; a message that keeps failing is given up and counted.
/// </summary>
[Collection(NotificationHostCollection.Name)]
public sealed class CitizenNotificationTests(NotificationHostFixture host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_citizen_receives_the_intake_reply_and_resolution_messages_by_sms_and_email()
    {
        var phone = UniquePhone();
        var id = await host.Client(AgentKey).Submit(Intake(phone, "zhang.san@example.cn", "en"));
        var department = host.Client(Dept(CaseStages.Jinshui));
        await Step(department, id, "acknowledge", new { });
        await Step(department, id, "reply", new { text = "The site has stopped piling after 22:00" });
        await Step(department, id, "resolve", new { text = "Night work permit withdrawn" });

        var sms = await Eventually(() => host.Webhook.For(id), m => m.Length >= 3);
        var mail = await Eventually(() => host.Mail.For(id), m => m.Length >= 3);

        Assert.Equal(["case-received", "case-replied", "case-resolved"], sms.Select(s => s.Body.GetProperty("template").GetString()).Order());
        Assert.All(sms, s =>
        {
            Assert.Equal(phone, s.Body.GetProperty("phone").GetString());
            Assert.Equal("en", s.Body.GetProperty("language").GetString());
            Assert.Equal(s.Body.GetProperty("notificationId").GetString(), s.IdempotencyKey);
            Assert.EndsWith(":sms", s.IdempotencyKey);
            Assert.Equal($"Bearer {NotificationHostFixture.GatewayToken}", s.Authorization);
        });
        var received = sms.Single(s => s.Body.GetProperty("template").GetString() == "case-received");
        Assert.Contains(id, received.Body.GetProperty("text").GetString());
        Assert.Equal(id, received.Body.GetProperty("parameters").GetProperty("caseId").GetString());
        var replied = sms.Single(s => s.Body.GetProperty("template").GetString() == "case-replied").Body.GetProperty("text").GetString();
        Assert.Contains("The site has stopped piling after 22:00", replied);
        Assert.Contains("Jinshui", replied); // the department's name

        Assert.All(mail, m => Assert.Equal("zhang.san@example.cn", m.To.Mailboxes.Single().Address));
        Assert.Contains(mail, m => m.Subject == $"Your request is resolved ({id})" && m.TextBody!.Contains("Night work permit withdrawn"));
        Assert.Contains(mail, m => m.Subject == $"We have your request ({id})");
        // Acknowledging is not something the citizen is told: three events, three messages per channel.
        await Task.Delay(500);
        Assert.Equal(3, host.Webhook.For(id).Length);
        Assert.Equal(3, host.Mail.For(id).Length);
    }

    [Fact]
    public async Task Without_a_language_the_citizen_gets_the_city_default_and_without_an_address_nothing()
    {
        var phone = UniquePhone();
        var id = await host.Client(AgentKey).Submit(Intake(phone, email: null, language: null));
        var sms = await Eventually(() => host.Webhook.For(id), m => m.Length >= 1);
        Assert.Equal("zh-CN", sms[0].Body.GetProperty("language").GetString());
        Assert.StartsWith("【12345】", sms[0].Body.GetProperty("text").GetString());
        Assert.Empty(host.Mail.For(id));

        var silent = await host.Client(AgentKey).Submit(Intake(phone: null, email: null, language: null));
        await Task.Delay(500);
        Assert.Empty(host.Webhook.For(silent));
    }

    [Fact]
    public async Task A_failing_gateway_is_retried_with_the_same_id_and_never_holds_up_the_case()
    {
        var before = await Stats();
        var phone = UniquePhone();
        host.Webhook.Script(phone, 503, 500);
        var id = await host.Client(AgentKey).Submit(Intake(phone, email: null, language: null));
        // The case moves on while the gateway fails.
        await Step(host.Client(Dept(CaseStages.Jinshui)), id, "acknowledge", new { });

        var attempts = await Eventually(() => host.Webhook.For(id), m => m.Any(r => r.AnsweredWith == 200));
        Assert.Equal([503, 500, 200], attempts.Select(a => a.AnsweredWith));
        Assert.Single(attempts.Select(a => a.IdempotencyKey).Distinct());
        var after = await Eventually(Stats, s => s["delivered"]!.GetValue<long>() > before["delivered"]!.GetValue<long>());
        Assert.True(after["failedAttempts"]!.GetValue<long>() >= before["failedAttempts"]!.GetValue<long>() + 2, after.ToJsonString());
    }

    [Fact]
    public async Task A_refused_message_is_not_retried_and_one_that_keeps_failing_is_given_up_and_counted()
    {
        var before = await Stats();
        var refused = UniquePhone();
        host.Webhook.Script(refused, 400);
        var refusedCase = await host.Client(AgentKey).Submit(Intake(refused, email: null, language: null));
        var failing = UniquePhone();
        host.Webhook.Script(failing, Enumerable.Repeat(503, 1000).ToArray());
        var failingCase = await host.Client(AgentKey).Submit(Intake(failing, email: null, language: null));

        var after = await Eventually(Stats, s => s["givenUp"]!.GetValue<long>() > before["givenUp"]!.GetValue<long>()
            && s["rejected"]!.GetValue<long>() > before["rejected"]!.GetValue<long>());
        Assert.Single(host.Webhook.For(refusedCase));
        var tries = host.Webhook.For(failingCase).Length;
        Assert.True(tries >= 3, $"{tries} attempts before giving up");
        await Task.Delay(1000);
        Assert.Equal(tries, host.Webhook.For(failingCase).Length); // given up: no more attempts
        Assert.Equal(before["pending"]!.GetValue<int>(), after["pending"]!.GetValue<int>());
        // Logs name notifications by id and channel, never the phone number.
        Assert.DoesNotContain(host.Logs, line => line.Contains(failing) || line.Contains(refused));
    }

    [Fact]
    public async Task Contact_fields_are_checked_field_by_field_and_the_email_is_masked_like_the_phone()
    {
        var agent = host.Client(AgentKey);
        var bad = await agent.PostJson("/api/cases", Intake(UniquePhone(), "not an address", "fr"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Json())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("citizen.email"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("citizen.language"), errors.ToJsonString());

        var id = await agent.Submit(Intake(UniquePhone(), "li.ming@example.cn", "en"));
        var clear = await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("li.ming@example.cn", clear!["citizen"]!["email"]!.GetValue<string>());
        var masked = await host.Client(Dept(CaseStages.Jinshui)).GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.Equal("l***@example.cn", masked!["citizen"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_statistics_are_for_admins_only()
    {
        var stats = await Stats();
        Assert.Equal(["email", "sms"], stats["channels"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client(Dept(CaseStages.Jinshui)).GetAsync("/api/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync("/api/notifications")).StatusCode);
    }

    private async Task<JsonObject> Stats()
    {
        var response = await host.Client(Admin).GetAsync("/api/notifications");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Json();
    }

    private static async Task Step(HttpClient department, string id, string step, object body)
    {
        var response = await department.PostJson($"/api/cases/{id}/{step}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step} of {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<T> Eventually<T>(Func<T> read, Func<T, bool> done) => await Eventually(() => Task.FromResult(read()), done);

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not reached within {Patience.TotalSeconds} s; last seen: {System.Text.Json.JsonSerializer.Serialize(value)}");
            await Task.Delay(100);
        }
    }

    private static string UniquePhone() => "139" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static object Intake(string? phone, string? email, string? language) => new
    {
        channel = "web",
        category = "construction-noise",
        district = "jinshui",
        address = DistinctPlaces.Address("Example Road"),
        description = "Piling after midnight next to the school",
        attributes = new Dictionary<string, string>(),
        citizen = new { name = "Zhang San", phone, email, language },
        priority = "normal",
    };
}
