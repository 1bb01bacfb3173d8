namespace Dispatcher.LoadTests.Baselines;

[GenerateSerializer, Alias("loadtests.write-once-state")]
public sealed class WriteOnceState
{
    [Id(0)] public string Payload { get; set; } = "";
    [Id(1)] public DateTimeOffset At { get; set; }
}
