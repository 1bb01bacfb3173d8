using Dispatcher.Domain.City;
using Dispatcher.Host.Hosting;
using Dispatcher.Host.Security.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Dispatcher.Host.Security;

public static class SecuritySetup
{
    /// <summary>One authorization policy per role set used by the endpoints.</summary>
    public static class Policies
    {
        public const string Admin = "admin";
        public const string Intake = "intake";
        public const string Staff = "staff";
        public const string DepartmentUser = "department";
        public const string Dispatcher = "dispatcher";
        public const string AnyKey = "any-key";
        public const string Oversight = "oversight";
        public const string PartnerLine = "partner";
        public const string Audit = "audit";
    }

    public static IServiceCollection AddDispatcherSecurity(this IServiceCollection services, CityDirectory city, DispatcherHostOptions options)
    {
        services.AddSingleton(new ApiKeyStore(city.ApiKeys.Concat(options.ApiKeys)));
        services.AddSingleton(new StaffDirectory(city.Staff.Concat(options.Staff)));
        services.AddSingleton<StaffSignIn>();
        services.AddCookieAntiforgery();
        // One key ring and one application name for the cluster: a cookie made by one silo opens on the others (ADR-024).
        var protection = services.AddDataProtection().SetApplicationName("dispatcher");
        if (!string.IsNullOrWhiteSpace(options.SessionKeysFolder)) protection.PersistKeysToFileSystem(new DirectoryInfo(options.SessionKeysFolder));
        // Machines send a key, people carry the console's session cookie (ADR-024): one selector picks.
        services.AddAuthentication(CallerSchemes.Selector)
            .AddPolicyScheme(CallerSchemes.Selector, "API key or session", o =>
            {
                o.ForwardDefaultSelector = CallerSchemes.Pick;
                o.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(StaffSession.Scheme, StaffSession.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Intake, p => p.RequireRole(Roles.Channel, Roles.Agent, Roles.Partner))
            .AddPolicy(Policies.PartnerLine, p => p.RequireRole(Roles.Partner))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Agent, Roles.Supervisor, Roles.Department, Roles.Channel))
            .AddPolicy(Policies.DepartmentUser, p => p.RequireRole(Roles.Department))
            .AddPolicy(Policies.Dispatcher, p => p.RequireRole(Roles.Agent, Roles.Admin))
            .AddPolicy(Policies.AnyKey, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .AddPolicy(Policies.Oversight, p => p.RequireRole(Roles.Admin, Roles.Supervisor, Roles.Agent));
        return services;
    }
}
