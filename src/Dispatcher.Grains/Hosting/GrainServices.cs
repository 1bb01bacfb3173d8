using Dispatcher.Cases;
using Dispatcher.City;
using Dispatcher.Index;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatcher.Hosting;

public static class GrainServices
{
    /// <summary>What the grains need from the silo's container. The case index defaults to memory.</summary>
    public static IServiceCollection AddDispatcherGrainServices(this IServiceCollection services, CityDirectory city)
    {
        services.AddSingleton(city);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICaseIndex, MemoryCaseIndex>();
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section)
            .Validate(o => o.MaxReturns is >= 1 and <= 10, "Dispatcher:Workflow:MaxReturns must be between 1 and 10.")
            .Validate(o => o.RoutingRefreshInterval >= TimeSpan.Zero && o.RoutingRefreshInterval <= TimeSpan.FromMinutes(10),
                "Dispatcher:Workflow:RoutingRefreshInterval must be between 0 and 10 minutes.")
            .ValidateOnStart();
        services.AddSingleton(sp => new CaseWorkflow(city, sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.MaxReturns));
        return services;
    }
}
