using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class IntakeValidationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_intake_with_an_unknown_category_is_refused_and_nothing_is_stored()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("no-such-category"))));

        Assert.Equal(["category"], ex.Errors.Keys);
        Assert.Contains("no-such-category", Assert.Single(ex.Errors["category"]));
        var notFound = await Assert.ThrowsAsync<CaseNotFoundException>(() => grain.Get());
        Assert.Equal(id, notFound.CaseId);
    }

    [Fact]
    public async Task An_intake_without_category_or_district_is_a_validation_error_not_a_crash()
    {
        var grain = fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId());
        var intake = Cases.Intake() with { Category = null!, District = null! };

        var ex = await Assert.ThrowsAsync<ValidationException>(() => grain.Submit(new SubmitCase(Cases.Channel, intake)));

        Assert.Equal(["category", "district"], ex.Errors.Keys.Order());
        await Assert.ThrowsAsync<CaseNotFoundException>(() => grain.Get());
    }

    [Fact]
    public async Task A_citizen_may_not_submit_through_the_grain()
    {
        var grain = fixture.Grains.GetGrain<ICaseGrain>(Cases.NewId());
        await Assert.ThrowsAsync<ForbiddenActionException>(() => grain.Submit(new SubmitCase(new Actor(ActorKind.Citizen, "c1"), Cases.Intake())));
        await Assert.ThrowsAsync<CaseNotFoundException>(() => grain.Get());
    }
}
