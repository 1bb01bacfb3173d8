using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Orleans.Storage;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// ADR-033: an intake under an id its caller has just drawn at random starts from an empty state
/// without a storage read; every other first call reads; and an intake wrongly marked fresh can never
/// overwrite the case that owns the id. On the two-silo cluster, with reactivations between calls.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FreshIntakeTests(ClusterFixture fixture)
{
    private Task Reactivate() => fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    [Fact]
    public async Task A_fresh_intake_is_stored_without_a_read_and_a_later_activation_reads_it_back()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);

        var receipt = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi"), FreshId: true));
        var view = await grain.Get();

        Assert.True(receipt.Created);
        Assert.Equal(0, ReadCountingStorage.ReadsOf(id));
        await Reactivate();
        var again = await grain.Get();
        Assert.Equal(1, ReadCountingStorage.ReadsOf(id));
        Assert.Equal(view.History.Select(h => (h.Sequence, h.Action, h.To)), again.History.Select(h => (h.Sequence, h.Action, h.To)));
        Assert.Equal((receipt.Status, receipt.DepartmentId), (again.Status, again.DepartmentId));
    }

    [Fact]
    public async Task Without_the_mark_the_first_call_reads_so_a_retried_intake_finds_its_case()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);

        var first = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi")));
        Assert.Equal(1, ReadCountingStorage.ReadsOf(id));
        await Reactivate();
        var retry = await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi")));

        Assert.Equal(2, ReadCountingStorage.ReadsOf(id));
        Assert.True(first.Created);
        Assert.Equal(first with { Created = false }, retry);
    }

    [Fact]
    public async Task An_intake_marked_fresh_under_an_existing_case_is_refused_and_changes_nothing()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        await grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi")));
        var before = await grain.Get();
        var months = await DepartmentStatsReader.AssignmentMonths(fixture.Grains, fixture.City, [id]);
        var department = fixture.Grains.GetGrain<IDepartmentGrain>(before.DepartmentId!);
        var countsBefore = await DepartmentStatsReader.Sum(department, months);
        await Reactivate();

        // As a colliding random number would: a new activation, told the id is fresh, a different report.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            grain.Submit(new SubmitCase(Cases.Channel, Cases.Intake("construction-noise", "jinshui"), FreshId: true)));

        var after = await grain.Get();
        Assert.Equal(before.History.Select(h => (h.Sequence, h.Action, h.To)), after.History.Select(h => (h.Sequence, h.Action, h.To)));
        Assert.Equal((before.Intake.Category, before.Intake.District, before.DepartmentId), (after.Intake.Category, after.Intake.District, after.DepartmentId));
        Assert.Equal(new Counts(0, 0, 0, 0, 0, 0, 0), (await DepartmentStatsReader.Sum(department, months)).Minus(countsBefore));
    }

    [Fact]
    public async Task The_shared_intake_call_takes_a_new_case_under_a_new_number_without_a_read()
    {
        var receipt = await FreshIntake.Submit(id => fixture.Grains.GetGrain<ICaseGrain>(id), new TrackingNumbers("ZZ", []), new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi")));

        Assert.True(receipt.Created);
        Assert.Equal(0, ReadCountingStorage.ReadsOf(receipt.CaseId));
        Assert.Equal(receipt.CaseId, (await fixture.Grains.GetGrain<ICaseGrain>(receipt.CaseId).Get()).Id);
    }
}
