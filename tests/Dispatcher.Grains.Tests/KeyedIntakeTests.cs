using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Grains.Tests;

/// <summary>
/// ADR-036: an intake under an id derived from an idempotency key starts without a storage read; a
/// retry of a stored intake is found by its refused insert and answered with the stored case,
/// counting nothing twice. On the two-silo cluster, with a reactivation between the tries as after a
/// lost answer. (A retry of a report that joined a duplicate: Api.Tests KeyedRetryTests.)
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyedIntakeTests(ClusterFixture fixture)
{
    private Task Reactivate() => fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    [Fact]
    public async Task A_keyed_first_try_reads_nothing_and_its_retry_after_a_lost_answer_gets_the_stored_case_counted_once()
    {
        var id = Cases.NewId();
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        var command = new SubmitCase(Cases.Channel, Cases.Intake("heating", "erqi"));

        var first = await KeyedIntake.Submit(grain, command);
        Assert.True(first.Created);
        Assert.Equal(0, ReadCountingStorage.ReadsOf(id));
        var view = await grain.Get();
        var months = await DepartmentStatsReader.AssignmentMonths(fixture.Grains, fixture.City, [id]);
        var department = fixture.Grains.GetGrain<IDepartmentGrain>(first.DepartmentId!);
        var countsAfterFirst = await DepartmentStatsReader.Sum(department, months);

        await Reactivate();
        var retry = await KeyedIntake.Submit(grain, command);

        Assert.Equal(first with { Created = false }, retry);
        Assert.Equal(1, ReadCountingStorage.ReadsOf(id)); // after its insert was refused
        Assert.Equal(view.History.Select(h => (h.Sequence, h.Action, h.To)), (await grain.Get()).History.Select(h => (h.Sequence, h.Action, h.To)));
        Assert.Equal(new Counts(0, 0, 0, 0, 0, 0, 0), (await DepartmentStatsReader.Sum(department, months)).Minus(countsAfterFirst));
    }
}
