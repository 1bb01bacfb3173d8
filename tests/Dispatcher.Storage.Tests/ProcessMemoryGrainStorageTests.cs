using Dispatcher.Abstractions.Departments;
using Dispatcher.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dispatcher.Storage.Tests;

/// <summary>The embedded mode's storage keeps the ETag contract of a database (ADR-009).</summary>
public sealed class ProcessMemoryGrainStorageTests
{
    private static ProcessMemoryGrainStorage NewStorage()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new ProcessMemoryGrainStorage(new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>());
    }

    private static readonly GrainId Grain = GrainId.Create("department", "city-water");

    [Fact]
    public async Task A_write_round_trips_and_a_stale_etag_is_refused_without_changing_what_is_stored()
    {
        var storage = NewStorage();
        var missing = new GrainState<MonthCounters>();
        await storage.ReadStateAsync("s", Grain, missing);
        Assert.False(missing.RecordExists);
        Assert.NotNull(missing.State);

        var first = new GrainState<MonthCounters>(new MonthCounters { Received = 3 });
        await storage.WriteStateAsync("s", Grain, first);
        var staleCopy = new GrainState<MonthCounters>(new MonthCounters { Received = 99 }, first.ETag);
        first.State!.Received = 4;
        await storage.WriteStateAsync("s", Grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, staleCopy));
        // A second "first write" (no ETag) of an existing row is a conflict too (split brain).
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", Grain, new GrainState<MonthCounters>(new MonthCounters())));

        var read = new GrainState<MonthCounters>();
        await storage.ReadStateAsync("s", Grain, read);
        Assert.Equal((true, 4, first.ETag), (read.RecordExists, read.State!.Received, read.ETag));
        Assert.NotSame(first.State, read.State); // stored serialized, never shared with the grain

        await storage.ClearStateAsync("s", Grain, read);
        var cleared = new GrainState<MonthCounters>();
        await storage.ReadStateAsync("s", Grain, cleared);
        Assert.False(cleared.RecordExists);
    }
}
