using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Routing;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Dispatcher.Grains.Routing;

/// <summary>
/// Routes intakes on the silo where they arrive. Each activation keeps a copy of the rule table
/// and asks the table grain for its version at most once per refresh interval, so the table grain
/// is off the intake hot path (ADR-003).
/// </summary>
[StatelessWorker]
public sealed class RouterGrain(CityDirectory city, IOptions<WorkflowOptions> options, TimeProvider clock) : Grain, IRouterGrain
{
    private RuleMatcher? _matcher;
    private long _version = -1;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public async Task<RoutingDecision> Route(string category, string district, Dictionary<string, string> attributes, DateTimeOffset at)
    {
        await Refresh();
        var rule = _matcher!.Match(category, district, attributes, city.LocalTimeOf(at));
        return new RoutingDecision(rule?.DepartmentId, rule?.Id, _version, CoDepartments: rule?.CoDepartments);
    }

    private async Task Refresh()
    {
        var now = clock.GetUtcNow();
        if (_matcher is not null && now - _checkedAt < options.Value.RoutingRefreshInterval) return;
        var table = GrainFactory.GetGrain<IRoutingTableGrain>(DispatcherNames.SingletonKey);
        var version = await table.GetVersion();
        if (version != _version || _matcher is null)
        {
            var snapshot = await table.Get();
            _matcher = new RuleMatcher(snapshot.Rules);
            _version = snapshot.Version;
        }
        _checkedAt = now;
    }
}
