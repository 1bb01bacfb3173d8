namespace Dispatcher.Grains.Routing;

/// <summary>One entry of the routing table's audit: the version it made, when, who, how many rules.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.rule-change")]
public sealed record RuleChange([Id(0)] long Version, [Id(1)] DateTimeOffset At, [Id(2)] string By, [Id(3)] int RuleCount);
