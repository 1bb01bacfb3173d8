namespace Dispatcher.Api.Tests.Surge;

/// <summary>
/// The dispatcher with spike detection on (the documented defaults: 30 reports in 2 minutes on a quiet
/// pair). The shared host turns detection off: its tests send bursts of one pair that are no surge.
/// </summary>
public sealed class SurgeHostFixture : DispatcherHostFixture
{
    protected override Task<string[]> ExtraArgs() => Task.FromResult<string[]>(["--Dispatcher:Surge:Detect=true"]);
}

[CollectionDefinition(Name)]
public sealed class SurgeHostCollection : ICollectionFixture<SurgeHostFixture>
{
    public const string Name = "dispatcher host with surge detection";
}
