namespace Dispatcher.LoadTests.Baselines;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
