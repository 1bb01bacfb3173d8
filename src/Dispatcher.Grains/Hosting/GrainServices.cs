using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Storage.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Hosting;

public static class GrainServices
{
    /// <summary>What the grains need from the silo's container. The case index and department journal default to memory.</summary>
    public static IServiceCollection AddDispatcherGrainServices(this IServiceCollection services, CityDirectory city)
    {
        services.AddSingleton(city);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddMemoryStorage();
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section)
            .Validate(o => o.MaxReturns is >= 1 and <= 10, "Dispatcher:Workflow:MaxReturns must be between 1 and 10.")
            .Validate(o => o.RoutingRefreshInterval >= TimeSpan.Zero && o.RoutingRefreshInterval <= TimeSpan.FromMinutes(10),
                "Dispatcher:Workflow:RoutingRefreshInterval must be between 0 and 10 minutes.")
            .ValidateOnStart();
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section)
            .Validate(o => o.MinimumReminderPeriod > TimeSpan.Zero, "Dispatcher:Deadlines:MinimumReminderPeriod must be positive.")
            .Validate(o => o.ScanInterval >= TimeSpan.FromMilliseconds(100) && o.ScanInterval <= TimeSpan.FromMinutes(10),
                "Dispatcher:Deadlines:ScanInterval must be between 00:00:00.1 and 00:10:00.")
            .Validate(o => o.Buckets is >= 1 and <= 256, "Dispatcher:Deadlines:Buckets must be between 1 and 256.")
            .Validate(o => o.ReturnWindowWorkingDays is >= 0 and <= 30, "Dispatcher:Deadlines:ReturnWindowWorkingDays must be 0–30.")
            .Validate(o => new TimeSpan?[] { o.Acknowledge, o.Reply, o.Resolve, o.Supervision }.All(t => t is null || t > TimeSpan.Zero),
                "Dispatcher:Deadlines: every deadline must be positive.")
            .ValidateOnStart();
        services.AddOptions<DuplicateOptions>().BindConfiguration(DuplicateOptions.Section)
            .Validate(o => o.Window > TimeSpan.Zero && o.DistanceMeters >= 0, "Dispatcher:Duplicates: Window must be positive and DistanceMeters not negative.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurgeOptions>, SurgeOptionsValidator>();
        services.AddOptions<SurgeOptions>().BindConfiguration(SurgeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        services.AddSingleton<Notifications.CitizenNotifier>();
        services.AddSingleton<Shared.GrainReferences>();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .Validate(o => o.MaxFailures is >= 1 and <= 100, "Dispatcher:SignIn:MaxFailures must be between 1 and 100.")
            .Validate(o => o.Lockout > TimeSpan.Zero && o.Lockout <= TimeSpan.FromDays(1), "Dispatcher:SignIn:Lockout must be between 0 and 1 day.")
            .ValidateOnStart();
        services.AddSingleton(sp => new DeadlineEngine(sp.GetRequiredService<IOptions<DeadlineOptions>>().Value.ToPolicy(), city.WorkingCalendar(), city));
        services.AddSingleton(sp => new IntakePlanner(city, sp.GetRequiredService<IOptions<DuplicateOptions>>().Value.Enabled));
        services.AddSingleton(sp => new CaseWorkflow(city, sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.MaxReturns,
            sp.GetRequiredService<DeadlineEngine>()));
        return services;
    }
}
