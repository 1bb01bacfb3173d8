using Dispatcher.LoadTests.Hosting;

namespace Dispatcher.LoadTests.Baselines;

public sealed class WriteOnceGrain([PersistentState("w", BaselineSilo.Storage)] IPersistentState<WriteOnceState> state) : Grain, IWriteOnceGrain
{
    public Task Write(string payload)
    {
        state.State.Payload = payload;
        state.State.At = DateTimeOffset.UtcNow;
        return state.WriteStateAsync();
    }
}
