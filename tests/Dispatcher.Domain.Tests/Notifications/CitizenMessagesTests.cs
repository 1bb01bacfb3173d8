using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Notifications;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Notifications;

namespace Dispatcher.Domain.Tests.Notifications;

/// <summary>When the citizen hears back (R6) and what they read: <see cref="CitizenMessages"/>.</summary>
public sealed class CitizenMessagesTests
{
    private static readonly HashSet<NotificationChannel> Both = [NotificationChannel.Sms, NotificationChannel.Email];

    private static CaseIntake WithContact(string? phone = "13800138000", string? email = "li@example.cn", string? language = null) =>
        DemoCity.Intake(district: "jinshui") with { Citizen = new CitizenContact("Li", phone, email, language) };

    [Fact]
    public void Intake_reply_resolution_and_reopen_notify_the_citizen_and_nothing_else_does()
    {
        var scenario = new CaseScenario();
        scenario.Submit(WithContact());
        scenario.Acknowledge();
        scenario.Start();
        scenario.Reply();
        scenario.Resolve();
        scenario.Reopen();

        var kinds = CitizenMessages.NoticesAfter(scenario.State, 0, Both).Select(n => n.Target.CitizenMessage).ToArray();
        Assert.Equal(new CitizenMessageKind?[] { CitizenMessageKind.Received, CitizenMessageKind.Replied, CitizenMessageKind.Resolved, CitizenMessageKind.Reopened }, kinds);
        // Only the entries after the stored sequence: a second write does not repeat the first one's messages.
        var afterReply = scenario.State.History.Single(h => h.Action == CaseAction.Reply).Sequence;
        Assert.Equal([CitizenMessageKind.Resolved, CitizenMessageKind.Reopened],
            CitizenMessages.NoticesAfter(scenario.State, afterReply, Both).Select(n => n.Target.CitizenMessage!.Value));
    }

    [Fact]
    public void No_address_for_an_enabled_channel_or_no_channel_means_no_notice()
    {
        var noContact = new CaseScenario();
        noContact.Submit(WithContact(phone: null, email: null));
        Assert.Empty(CitizenMessages.NoticesAfter(noContact.State, 0, Both));

        var phoneOnly = new CaseScenario();
        phoneOnly.Submit(WithContact(email: null));
        Assert.Empty(CitizenMessages.NoticesAfter(phoneOnly.State, 0, new HashSet<NotificationChannel> { NotificationChannel.Email }));
        Assert.Empty(CitizenMessages.NoticesAfter(phoneOnly.State, 0, new HashSet<NotificationChannel>()));
        Assert.Single(CitizenMessages.NoticesAfter(phoneOnly.State, 0, Both));
    }

    [Fact]
    public void A_consultation_answered_at_first_contact_sends_nothing()
    {
        var state = new Dispatcher.Domain.Cases.CaseState();
        var entry = DemoCity.City.Knowledge[0];
        var planner = new IntakePlanner(DemoCity.City, mergeDuplicates: false);
        var command = new SubmitCase(CaseScenario.Agent, DemoCity.Intake(category: entry.Category) with { Citizen = new CitizenContact("Li", "13800138000") },
            new FirstContactAnswer(entry.Id, null));
        var plan = planner.Plan(command, new IntakeFacts(null, entry), DateTimeOffset.UtcNow);
        new Dispatcher.Domain.Cases.CaseWorkflow(DemoCity.City).SubmitAnswered(state, "ZZ-X", plan.Accepted, (IntakePath.AnswerAtFirstContact)plan.Path, DateTimeOffset.UtcNow);
        Assert.Empty(CitizenMessages.NoticesAfter(state, 0, Both));
    }

    [Fact]
    public void Messages_are_rendered_in_the_citizens_language_one_per_channel_with_stable_ids()
    {
        var scenario = new CaseScenario();
        scenario.Submit(WithContact(language: "en"));
        scenario.Acknowledge();
        scenario.Reply();
        var reply = CitizenMessages.NoticesAfter(scenario.State, 0, Both).Single(n => n.Target.CitizenMessage == CitizenMessageKind.Replied);

        var messages = CitizenMessages.Compose(scenario.State, CitizenMessageKind.Replied, reply.Notice, DemoCity.City, Both);

        Assert.Equal([$"{CaseScenario.CaseId}:{reply.Notice.Sequence}:sms", $"{CaseScenario.CaseId}:{reply.Notice.Sequence}:email"], messages.Select(m => m.Id));
        Assert.Equal(["13800138000", "li@example.cn"], messages.Select(m => m.Address));
        Assert.All(messages, m =>
        {
            Assert.Equal("en", m.Language);
            Assert.Equal("case-replied", m.TemplateId);
            Assert.Equal($"A reply to your request ({CaseScenario.CaseId})", m.Subject);
            Assert.Contains("We sent an inspector.", m.Text);
            Assert.Contains(DemoCity.City.FindDepartment(scenario.State.DepartmentId!)!.Name, m.Text);
        });
    }

    [Fact]
    public void An_unknown_or_absent_language_falls_back_to_the_city_default()
    {
        var scenario = new CaseScenario();
        scenario.Submit(WithContact(email: null));
        var received = CitizenMessages.NoticesAfter(scenario.State, 0, Both).Single();
        var message = CitizenMessages.Compose(scenario.State, CitizenMessageKind.Received, received.Notice, DemoCity.City, Both).Single();
        Assert.Equal("zh-CN", message.Language);
        Assert.StartsWith("【12345】", message.Text);
        Assert.Contains(CaseScenario.CaseId, message.Text);
    }

    [Theory]
    [InlineData("Case {caseId} at {lookupUrl}", "Case ZZ-1 at https://x")]
    [InlineData("{unknown} stays, {caseId}", "{unknown} stays, ZZ-1")]
    [InlineData("an open { brace", "an open { brace")]
    [InlineData("{caseId}{caseId}", "ZZ-1ZZ-1")]
    public void Placeholders_are_replaced_and_anything_else_is_kept(string template, string expected) =>
        Assert.Equal(expected, CitizenMessages.Render(template, new Dictionary<string, string> { ["caseId"] = "ZZ-1", ["lookupUrl"] = "https://x" }));

    [Fact]
    public void A_citizen_target_keeps_its_stored_text_form()
    {
        var target = NoticeTarget.Citizen(CitizenMessageKind.Resolved);
        Assert.Equal("#citizen:resolved", target.Stored);
        Assert.Equal(target, NoticeTarget.FromStored("#citizen:resolved"));
        Assert.Null(NoticeTarget.Department("city-water").CitizenMessage);
    }

    [Fact]
    public void A_city_file_missing_a_message_of_a_language_is_refused_by_name()
    {
        var city = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(DemoCity.FilePath),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        city["citizenMessages"]!["templates"]!["en"]!.AsObject().Remove("reopened");
        var error = Assert.Throws<InvalidDataException>(() => CityDirectory.Parse(city.ToJsonString()));
        Assert.Contains("citizenMessages.templates.en: no subject and text for 'Reopened'", error.Message);
    }
}
