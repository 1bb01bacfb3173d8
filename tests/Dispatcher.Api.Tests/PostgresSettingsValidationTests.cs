using Dispatcher.Domain.City;
using Dispatcher.Host.Hosting;
using Dispatcher.Storage.Postgres;
using Microsoft.Extensions.Configuration;

namespace Dispatcher.Api.Tests;

/// <summary>
/// Postgres-mode settings are validated at start-up (the pools themselves: Dispatcher.Storage.Tests). A real
/// Postgres host checks its database while it is built, before validation, so these call the validator the host registers.
/// </summary>
public sealed class PostgresSettingsValidationTests
{
    /// <summary>The host's own city file, demo keys and all.</summary>
    public static CityDirectory City { get; } = CityDirectory.Load(Path.Combine(AppContext.BaseDirectory, "city", "zhengzhou.json"));

    private static readonly IConfiguration WithConnectionString = new ConfigurationBuilder()
        .AddInMemoryCollection([new KeyValuePair<string, string?>("ConnectionStrings:Dispatcher", "Host=127.0.0.1")]).Build();

    private static DispatcherHostOptions Production(bool allowDemoKeys = false) => new()
    {
        Storage = StorageMode.Postgres,
        TrackingSecret = "a-long-enough-tracking-secret",
        AllowDemoKeys = allowDemoKeys,
    };

    [Fact]
    public void A_pool_size_outside_its_range_stops_the_host_with_a_named_setting()
    {
        var options = Production(allowDemoKeys: true);
        options.Postgres = new PostgresSettings { StoragePoolSize = 0, IndexPoolSize = 10 };
        var result = new DispatcherHostOptionsValidator(WithConnectionString, City).Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Dispatcher:Postgres:StoragePoolSize", result.FailureMessage);
    }

    [Fact]
    public void Postgres_mode_with_the_city_files_demo_keys_is_refused_unless_allowed_explicitly()
    {
        Assert.NotEmpty(City.ApiKeys);
        var refused = new DispatcherHostOptionsValidator(WithConnectionString, City).Validate(null, Production());
        Assert.True(refused.Failed, "Postgres mode with demo keys must not validate");
        Assert.Contains("Dispatcher:AllowDemoKeys=true", refused.FailureMessage);
        Assert.Contains("Dispatcher:ApiKeys", refused.FailureMessage);
        // The demo staff accounts of the console follow the same rule (ADR-024).
        Assert.NotEmpty(City.Staff);
        Assert.Contains("demo staff accounts", refused.FailureMessage);
        Assert.Contains("Dispatcher:Staff", refused.FailureMessage);

        var allowed = new DispatcherHostOptionsValidator(WithConnectionString, City).Validate(null, Production(allowDemoKeys: true));
        Assert.True(allowed.Succeeded, allowed.FailureMessage);
    }

    [Fact]
    public void Postgres_mode_with_a_city_file_without_keys_needs_no_allowance()
    {
        var withoutKeys = new CityDirectory
        {
            Name = City.Name, Code = City.Code, Districts = City.Districts, Departments = City.Departments,
            Categories = City.Categories, Rules = City.Rules, ApiKeys = [],
        };
        var result = new DispatcherHostOptionsValidator(WithConnectionString, withoutKeys).Validate(null, Production());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_configured_staff_account_with_a_plain_password_or_an_unknown_department_stops_the_host()
    {
        var options = Production(allowDemoKeys: true);
        options.Staff = [new StaffAccount("ops.lee", "Lee", "admin", "hunter2"), new StaffAccount("clerk.x", "X", "department", City.Staff[0].PasswordHash, "no-such-dept")];
        var result = new DispatcherHostOptionsValidator(WithConnectionString, City).Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("'ops.lee': PasswordHash must be an ASP.NET Core PasswordHasher hash", result.FailureMessage);
        Assert.Contains("'clerk.x': unknown department 'no-such-dept'", result.FailureMessage);
    }
}
