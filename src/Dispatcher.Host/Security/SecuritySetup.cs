using Dispatcher.Domain.City;
using Dispatcher.Host.Hosting;
using Microsoft.AspNetCore.Authentication;

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
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
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
