using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Dispatcher.Grains.Tests;

/// <summary>Round trips through the Orleans serializer: what a grain call or a stream really does to our contracts.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContractSerializationTests(ClusterFixture fixture)
{
    private T RoundTrip<T>(T value)
    {
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    [Fact]
    public void Domain_exceptions_keep_their_type_message_and_properties()
    {
        var illegal = RoundTrip<Exception>(new IllegalTransitionException("ZZ-1", CaseStatus.Replied, CaseAction.Return, "why"));
        var typed = Assert.IsType<IllegalTransitionException>(illegal);
        Assert.Equal(("ZZ-1", CaseStatus.Replied, CaseAction.Return), (typed.CaseId, typed.Current, typed.Action));
        Assert.Equal("Case ZZ-1 is Replied: 'Return' is not allowed — why.", typed.Message);

        var validation = Assert.IsType<ValidationException>(RoundTrip<Exception>(new ValidationException(new() { ["a"] = ["x", "y"], ["b"] = ["z"] })));
        Assert.Equal(["x", "y"], validation.Errors["a"]);
        Assert.Equal(["z"], validation.Errors["b"]);

        Assert.Equal("ZZ-2", Assert.IsType<CaseNotFoundException>(RoundTrip<Exception>(new CaseNotFoundException("ZZ-2"))).CaseId);
        Assert.Equal("no", Assert.IsType<ForbiddenActionException>(RoundTrip<Exception>(new ForbiddenActionException("no"))).Message);
        Assert.Equal("old", Assert.IsType<ConflictException>(RoundTrip<Exception>(new ConflictException("old"))).Message);
        Assert.Equal("gone", Assert.IsType<NotFoundException>(RoundTrip<Exception>(new NotFoundException("gone"))).Message);
    }

    [Fact]
    public void Commands_views_and_events_survive_a_round_trip()
    {
        var at = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8));
        var intake = Cases.Intake(attributes: new() { ["siteManagedBy"] = "construction-committee" }) with { Latitude = 34.75, AttachmentUrls = ["https://x/1.jpg"] };
        var roundTripped = RoundTrip(new SubmitCase(Cases.Channel, intake));
        Assert.Equal(Cases.Channel, roundTripped.Actor);
        Assert.Equal("construction-committee", roundTripped.Intake.Attributes["siteManagedBy"]);
        Assert.Equal(intake.AttachmentUrls, roundTripped.Intake.AttachmentUrls);
        Assert.Equal((intake.Category, intake.District, intake.Citizen, intake.Latitude), (roundTripped.Intake.Category, roundTripped.Intake.District, roundTripped.Intake.Citizen, roundTripped.Intake.Latitude));

        var result = new TransitionResult("ZZ-1", 3, CaseAction.Acknowledge, CaseStatus.Dispatched, CaseStatus.Acknowledged, at, "city-water");
        Assert.Equal(result, RoundTrip(result));

        var e = new DepartmentEvent("city-water", "ZZ-1", 3, DepartmentNoticeKind.ArbitrationRuling, at, "water-outage", "erqi", "ruling");
        Assert.Equal(e, RoundTrip(e));

        var rule = new RoutingRule("r", "social-noise", null, null, new TimeWindow(new TimeOnly(22, 0), new TimeOnly(6, 0)), 3, "city-public-security");
        var back = RoundTrip(rule);
        Assert.Equal((rule.Id, rule.Window, rule.Priority, rule.DepartmentId), (back.Id, back.Window, back.Priority, back.DepartmentId));
    }
}
