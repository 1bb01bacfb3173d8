namespace Dispatcher.LoadTests.Baselines;

/// <summary>The emptiest grain call there is: the raw Orleans limit of this machine.</summary>
[Alias("loadtests.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")] Task Ping();
}
