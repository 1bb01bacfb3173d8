using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Domain.Cases.Intake;

namespace Dispatcher.Domain.Tests.Cases.Intake;

/// <summary>Every branch of the one intake decision, without a silo.</summary>
public sealed class IntakePlannerTests
{
    private static readonly Actor Channel = new(ActorKind.Channel, "wechat");
    private static readonly Actor Agent = new(ActorKind.Agent, "agent-7");
    private static readonly Actor Admin = new(ActorKind.Admin, "admin-1");
    private static readonly Actor Zhongmou = new(ActorKind.Partner, "zhongmou-hotline");
    private static readonly KnowledgeEntry Heating = new("kb-heating-season", "heating", "Heating season", "15 Nov – 15 Mar", ["season"]);
    private static readonly DateTimeOffset Now = DemoCity.Local(2026, 12, 1, 10);

    private static readonly IntakePlanner Merging = new(DemoCity.City, mergeDuplicates: true);
    private static readonly IntakePlanner NotMerging = new(DemoCity.City, mergeDuplicates: false);

    private static HotlineLine Line(string id) => DemoCity.City.Hotlines.Single(l => l.Id == id);

    [Fact]
    public void A_routine_report_is_routed_or_joins_an_open_incident_when_merging_is_on()
    {
        var intake = DemoCity.Intake();
        Assert.IsType<IntakePath.Route>(NotMerging.Plan(new SubmitCase(Channel, intake), IntakeFacts.None, Now).Path);
        var join = Assert.IsType<IntakePath.JoinIncidentOrRoute>(Merging.Plan(new SubmitCase(Channel, intake), IntakeFacts.None, Now).Path);
        Assert.Equal("construction-noise|erqi", join.IncidentKey);
    }

    [Fact]
    public void A_consultation_answered_by_a_call_taker_closes_at_first_contact_before_any_other_path()
    {
        // A partner district (zhongmou) would otherwise transfer it: the answer comes first.
        var command = new SubmitCase(Agent, DemoCity.Intake(category: "heating", district: "zhongmou"), new FirstContactAnswer(Heating.Id, "read out the dates"));
        Assert.Equal(new IntakeLookups(null, Heating.Id), IntakePlanner.LookupsFor(command));

        var plan = Merging.Plan(command, new IntakeFacts(Answer: Heating), Now);

        var answer = Assert.IsType<IntakePath.AnswerAtFirstContact>(plan.Path);
        Assert.Equal((Heating, "read out the dates"), (answer.Entry, answer.Note));
        Assert.Equal(Agent, plan.Accepted.Actor);
    }

    [Theory]
    [InlineData(ActorKind.Channel)]
    [InlineData(ActorKind.Admin)]
    [InlineData(ActorKind.Partner)]
    public void Only_a_call_taker_closes_a_consultation_at_first_contact(ActorKind kind)
    {
        var command = new SubmitCase(new Actor(kind, "someone"), DemoCity.Intake(category: "heating"), new FirstContactAnswer(Heating.Id, null));
        var ex = Assert.Throws<ForbiddenActionException>(() => Merging.Plan(command, new IntakeFacts(Answer: Heating), Now));
        Assert.Equal("Only a call-taker closes a consultation at first contact.", ex.Message);
    }

    [Fact]
    public void A_first_contact_answer_needs_an_entry_that_exists()
    {
        var blank = new SubmitCase(Agent, DemoCity.Intake(category: "heating"), new FirstContactAnswer(" ", null));
        Assert.Equal(["firstContact.entryId"], Assert.Throws<ValidationException>(() => Merging.Plan(blank, IntakeFacts.None, Now)).Errors.Keys);

        var unknown = new SubmitCase(Agent, DemoCity.Intake(category: "heating"), new FirstContactAnswer("kb-nope", null));
        var ex = Assert.Throws<ValidationException>(() => Merging.Plan(unknown, IntakeFacts.None, Now));
        Assert.Equal(["No knowledge entry 'kb-nope'."], ex.Errors["firstContact.entryId"]);
    }

    [Fact]
    public void A_category_or_district_of_a_partner_line_is_transferred_to_it()
    {
        var byDistrict = Merging.Plan(new SubmitCase(Channel, DemoCity.Intake(district: "zhongmou")), IntakeFacts.None, Now);
        Assert.Equal("zhongmou-hotline", Assert.IsType<IntakePath.TransferToPartner>(byDistrict.Path).Line.Id);

        var byCategory = Merging.Plan(new SubmitCase(Channel, DemoCity.Intake(category: "power-outage")), IntakeFacts.None, Now);
        Assert.Equal("power-95598", Assert.IsType<IntakePath.TransferToPartner>(byCategory.Path).Line.Id);
    }

    [Fact]
    public void A_partner_handing_a_case_in_is_its_origin_whatever_the_body_says_and_is_not_sent_it_back()
    {
        var command = new SubmitCase(Zhongmou, DemoCity.Intake(district: "zhongmou") with { OriginLine = "erqi-head-line" });
        Assert.Equal(new IntakeLookups("zhongmou-hotline", null), IntakePlanner.LookupsFor(command));

        var plan = NotMerging.Plan(command, new IntakeFacts(OriginLine: Line("zhongmou-hotline")), Now);

        Assert.Equal("zhongmou-hotline", plan.Accepted.Intake.OriginLine);
        Assert.IsType<IntakePath.Route>(plan.Path);
    }

    [Fact]
    public void An_unknown_origin_line_is_refused()
    {
        var command = new SubmitCase(Channel, DemoCity.Intake() with { OriginLine = "no-such-line" });
        var ex = Assert.Throws<ValidationException>(() => Merging.Plan(command, IntakeFacts.None, Now));
        Assert.Equal(["Unknown line 'no-such-line'."], ex.Errors["originLine"]);
    }

    [Fact]
    public void A_temporary_line_takes_cases_only_between_its_dates_and_otherwise_names_12345()
    {
        var command = new SubmitCase(Channel, DemoCity.Intake() with { OriginLine = "flood-relief-2026" });
        var facts = new IntakeFacts(OriginLine: Line("flood-relief-2026"));

        Assert.IsType<IntakePath.Route>(NotMerging.Plan(command, facts, DemoCity.Local(2026, 8, 31, 23, 59)).Path);
        var closed = Assert.Throws<ValidationException>(() => NotMerging.Plan(command, facts, DemoCity.Local(2026, 9, 1, 0, 1)));
        Assert.Equal(["The temporary line 0371-96110 (汛期临时热线 Flood season line 2026) closed on 2026-08-31; please call 12345."], closed.Errors["originLine"]);
        var early = Assert.Throws<ValidationException>(() => NotMerging.Plan(command, facts, DemoCity.Local(2026, 6, 30, 23, 0)));
        Assert.Contains("until then please call 12345", early.Errors["originLine"][0]);
    }

    [Fact]
    public void A_closed_temporary_line_refuses_even_a_consultation_answered_at_first_contact()
    {
        var command = new SubmitCase(Agent, DemoCity.Intake(category: "heating") with { OriginLine = "flood-relief-2026" }, new FirstContactAnswer(Heating.Id, null));
        var ex = Assert.Throws<ValidationException>(() => Merging.Plan(command, new IntakeFacts(Line("flood-relief-2026"), Heating), Now));
        Assert.Contains("please call 12345", ex.Errors["originLine"][0]);
    }

    [Theory]
    [InlineData(ActorKind.Citizen)]
    [InlineData(ActorKind.Department)]
    [InlineData(ActorKind.Supervisor)]
    [InlineData(ActorKind.System)]
    public void Only_channels_call_takers_admins_and_partners_submit(ActorKind kind)
    {
        var ex = Assert.Throws<ForbiddenActionException>(() => Merging.Plan(new SubmitCase(new Actor(kind, "x"), DemoCity.Intake()), IntakeFacts.None, Now));
        Assert.Equal($"A {kind} may not submit cases.", ex.Message);
    }

    [Fact]
    public void An_invalid_intake_is_refused_field_by_field_before_any_path()
    {
        var command = new SubmitCase(Admin, DemoCity.Intake(category: "no-such-category", district: "zhongmou") with { Description = "" });
        var ex = Assert.Throws<ValidationException>(() => Merging.Plan(command, IntakeFacts.None, Now));
        Assert.Equal(["category", "description"], ex.Errors.Keys.Order());
        Assert.Equal(["body"], Assert.Throws<ValidationException>(() => Merging.Plan(new SubmitCase(Admin, null!), IntakeFacts.None, Now)).Errors.Keys);
    }

    [Fact]
    public void Missing_attributes_and_citizen_are_stored_empty_not_null()
    {
        var plan = Merging.Plan(new SubmitCase(Channel, DemoCity.Intake() with { Attributes = null!, Citizen = null! }), IntakeFacts.None, Now);
        Assert.Empty(plan.Accepted.Intake.Attributes);
        Assert.Equal(new CitizenContact(null, null), plan.Accepted.Intake.Citizen);
    }

    [Fact]
    public void Handling_time_runs_from_pick_up_to_intake_and_is_dropped_when_implausible()
    {
        var taken = DemoCity.Local(2026, 12, 1, 10);
        Assert.Equal(TimeSpan.FromMinutes(4), IntakePlanner.HandlingTime(taken.AddMinutes(-4), taken));
        Assert.Equal(TimeSpan.Zero, IntakePlanner.HandlingTime(taken, taken));
        Assert.Null(IntakePlanner.HandlingTime(null, taken));
        Assert.Null(IntakePlanner.HandlingTime(taken.AddSeconds(1), taken));
        Assert.Null(IntakePlanner.HandlingTime(taken.AddDays(-1), taken));
    }

    [Fact]
    public void Only_a_partner_line_itself_may_name_it_as_the_origin_so_nobody_routes_around_the_transfer()
    {
        var fromChannel = new SubmitCase(Channel, DemoCity.Intake(district: "zhongmou") with { OriginLine = "zhongmou-hotline" });
        var ex = Assert.Throws<ValidationException>(() => NotMerging.Plan(fromChannel, new IntakeFacts(OriginLine: Line("zhongmou-hotline")), Now));
        Assert.Contains("is a partner line: only that line hands its own cases in.", ex.Errors["originLine"][0]);

        var fromOtherPartner = new SubmitCase(new Actor(ActorKind.Partner, "power-95598"), DemoCity.Intake(district: "zhongmou") with { OriginLine = "zhongmou-hotline" });
        Assert.Equal(new IntakeLookups("power-95598", null), IntakePlanner.LookupsFor(fromOtherPartner));
        // The other partner's own line is its origin (the body's is ignored), so the case goes to Zhongmou.
        var plan = NotMerging.Plan(fromOtherPartner, new IntakeFacts(OriginLine: Line("power-95598")), Now);
        Assert.Equal("zhongmou-hotline", Assert.IsType<IntakePath.TransferToPartner>(plan.Path).Line.Id);
    }

    [Fact]
    public void An_integrated_legacy_line_stays_the_origin_of_a_routed_case()
    {
        var command = new SubmitCase(Agent, DemoCity.Intake() with { OriginLine = "erqi-head-line" });
        var plan = NotMerging.Plan(command, new IntakeFacts(OriginLine: Line("erqi-head-line")), Now);
        Assert.Equal("erqi-head-line", plan.Accepted.Intake.OriginLine);
        Assert.IsType<IntakePath.Route>(plan.Path);
    }
}

/// <summary>The emergency lane: handed over at intake, urgent, never answered at first contact.</summary>
public sealed class EmergencyIntakeTests
{
    private static readonly IntakePlanner Planner = new(DemoCity.City, mergeDuplicates: true);

    [Theory]
    [InlineData("gas-leak", "fire-119")]
    [InlineData("person-in-danger", "police-110")]
    [InlineData("medical-emergency", "ambulance-120")]
    public void An_emergency_goes_to_its_partner_line_as_urgent_before_any_incident_joining(string category, string line)
    {
        var plan = Planner.Plan(new SubmitCase(new Actor(ActorKind.Channel, "wechat"), DemoCity.Intake(category: category)), IntakeFacts.None, DateTimeOffset.UtcNow);
        Assert.Equal(line, Assert.IsType<IntakePath.TransferToPartner>(plan.Path).Line.Id);
        Assert.Equal(CasePriority.Urgent, plan.Accepted.Intake.Priority);
    }

    [Fact]
    public void A_city_file_with_an_emergency_no_line_takes_is_refused()
    {
        var json = File.ReadAllText(DemoCity.FilePath).Replace("\"categories\": [\"person-in-danger\"]", "\"categories\": []");
        var error = Assert.Throws<InvalidDataException>(() => Dispatcher.Domain.City.CityDirectory.Parse(json));
        Assert.Contains("categories.person-in-danger: an emergency needs a partner line", error.Message);
    }
}
