using System.Text;
using System.Text.Json.Serialization;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Host.Endpoints;
using Dispatcher.Host.Notifications;
using Dispatcher.Host.Open311;
using Dispatcher.Host.Postgres;
using Dispatcher.Host.Security;
using Dispatcher.Host.Security.Staff;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Dispatcher.Host.Hosting;

/// <summary>Composes the whole dispatcher: silo, HTTP API, dashboard, health. Tests build it the same way.</summary>
public static class DispatcherApp
{
    /// <param name="args">Command line; every setting can be given as --Section:Key=value.</param>
    /// <param name="customize">Lets tests add to the builder (e.g. a log capture) before it is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var options = builder.Configuration.GetSection(DispatcherHostOptions.Section).Get<DispatcherHostOptions>() ?? new();
        builder.Services.AddSingleton<IValidateOptions<DispatcherHostOptions>, DispatcherHostOptionsValidator>();
        builder.Services.AddOptions<DispatcherHostOptions>().BindConfiguration(DispatcherHostOptions.Section).ValidateOnStart();

        var city = LoadCity(options.CityFile);
        if (options.Storage == StorageMode.Postgres) builder.Services.AddPostgresServices(builder.Configuration, options.Postgres);
        builder.Services.AddSingleton(new TrackingNumbers(city.Code,
            Encoding.UTF8.GetBytes(options.TrackingSecret ?? DispatcherHostOptions.DemoTrackingSecret)));
        builder.AddDispatcherSilo(options, city);
        builder.Services.AddDispatcherSecurity(city, options);
        builder.Services.AddSingleton<Dispatcher.Host.Live.DepartmentFeed>();
        builder.Services.AddDispatcherHealth(options);
        builder.Services.AddPublicLookupRateLimits();
        builder.Services.AddCitizenNotificationSenders(builder.Configuration);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });

        customize?.Invoke(builder);
        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleFiles();
        app.UseAuthentication();
        app.UseCookieAntiforgery();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseReleasedAfterStop();

        app.MapOpenApi();
        var dashboard = app.MapOrleansDashboard(routePrefix: "/dashboard");
        if (!app.Environment.IsDevelopment()) dashboard.RequireAuthorization(SecuritySetup.Policies.Admin);
        app.MapDispatcherHealth();
        app.MapCaseEndpoints();
        app.MapDepartmentEndpoints();
        app.MapRoutingEndpoints();
        app.MapAgentEndpoints();
        app.MapCityEndpoints();
        app.MapReportEndpoints();
        app.MapAuditEndpoints();
        app.MapCallbackEndpoints();
        app.MapPublicStatusEndpoints();
        app.MapDisciplineEndpoints();
        app.MapSupervisionEndpoints();
        app.MapKnowledgeEndpoints();
        app.MapHotlineEndpoints();
        app.MapNotificationEndpoints();
        app.MapOpen311Endpoints();
        app.MapSessionEndpoints();
        app.MapRoutingPreviewEndpoints();
        app.MapDepartmentDeskEndpoints();
        app.MapClaimEndpoints();
        app.MapLiveEndpoints();
        app.MapSurgeEndpoints();
        app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();

        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, options, city));
        return app;
    }

    private static CityDirectory LoadCity(string file)
    {
        var path = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
        if (!File.Exists(path)) throw new FileNotFoundException($"Dispatcher:CityFile '{file}' was not found (looked at {path}).", path);
        return CityDirectory.Load(path);
    }
}
