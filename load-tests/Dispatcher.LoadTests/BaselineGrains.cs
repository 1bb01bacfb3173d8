namespace Dispatcher.LoadTests;

/// <summary>The emptiest grain call there is: the raw Orleans limit of this machine.</summary>
[Alias("loadtests.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")] Task Ping();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}

/// <summary>Activates a brand-new grain and writes its state once: the "new grain + state write" limit.</summary>
[Alias("loadtests.IWriteOnceGrain")]
public interface IWriteOnceGrain : IGrainWithStringKey
{
    [Alias("Write")] Task Write(string payload);
}

[GenerateSerializer, Alias("loadtests.write-once-state")]
public sealed class WriteOnceState
{
    [Id(0)] public string Payload { get; set; } = "";
    [Id(1)] public DateTimeOffset At { get; set; }
}

public sealed class WriteOnceGrain([PersistentState("w", BaselineSilo.Storage)] IPersistentState<WriteOnceState> state) : Grain, IWriteOnceGrain
{
    public Task Write(string payload)
    {
        state.State.Payload = payload;
        state.State.At = DateTimeOffset.UtcNow;
        return state.WriteStateAsync();
    }
}
