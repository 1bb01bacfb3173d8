using System.Net;
using Dispatcher.Domain.City;
using Dispatcher.Host.Security.Staff;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Hosting;

/// <summary>Start-up checks of <see cref="DispatcherHostOptions"/>: a bad setting stops the host with a clear message.</summary>
public sealed class DispatcherHostOptionsValidator(IConfiguration configuration, CityDirectory city) : IValidateOptions<DispatcherHostOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatcherHostOptions o)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(o.Storage)) failures.Add("Dispatcher:Storage must be Memory or Postgres.");
        if (o.Storage == StorageMode.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Dispatcher")))
                failures.Add("Dispatcher:Storage=Postgres needs ConnectionStrings:Dispatcher (e.g. Host=127.0.0.1;Port=5432;Database=dispatcher;Username=dispatcher;Password=…).");
            if (string.IsNullOrWhiteSpace(o.TrackingSecret) || o.TrackingSecret.Length < 16)
                failures.Add("Dispatcher:TrackingSecret (at least 16 characters, the same on every silo) is required with Storage=Postgres.");
            if (o.Postgres.StoragePoolSize is < 2 or > 1000) failures.Add("Dispatcher:Postgres:StoragePoolSize must be between 2 and 1000.");
            if (o.Postgres.IndexPoolSize is < 2 or > 1000) failures.Add("Dispatcher:Postgres:IndexPoolSize must be between 2 and 1000.");
        }
        if (o.RefusesDemoCredentials && city.ApiKeys.Count > 0)
            failures.Add($"Dispatcher:Storage=Postgres would load the {city.ApiKeys.Count} demo API keys of the city file ({o.CityFile} 'apiKeys', admin included): " +
                "remove them from the city file and give production keys as SHA-256 hashes in Dispatcher:ApiKeys, or set Dispatcher:AllowDemoKeys=true for a test system.");
        if (o.RefusesDemoCredentials && city.Staff.Count > 0)
            failures.Add($"Dispatcher:Storage=Postgres would load the {city.Staff.Count} demo staff accounts of the city file ({o.CityFile} 'staff', whose passwords README lists): " +
                "remove them from the city file and give production accounts with PasswordHasher hashes in Dispatcher:Staff, or set Dispatcher:AllowDemoKeys=true for a test system.");
        failures.AddRange(StaffAccountRules.Problems(city.Staff.Concat(o.Staff), city));
        if (o.MaxIntakesInFlight is < 1 or > 1_000_000) failures.Add("Dispatcher:MaxIntakesInFlight must be between 1 and 1000000.");
        if (o.Cluster.SiloPort is < 1 or > 65535) failures.Add("Dispatcher:Cluster:SiloPort must be a TCP port.");
        if (o.Cluster.GatewayPort is < 1 or > 65535) failures.Add("Dispatcher:Cluster:GatewayPort must be a TCP port.");
        if (o.Cluster.SiloPort == o.Cluster.GatewayPort) failures.Add("Dispatcher:Cluster:SiloPort and GatewayPort must differ.");
        if (!IPAddress.TryParse(o.Cluster.AdvertisedAddress, out _)) failures.Add("Dispatcher:Cluster:AdvertisedAddress must be an IP address.");
        if (string.IsNullOrWhiteSpace(o.Cluster.ClusterId) || string.IsNullOrWhiteSpace(o.Cluster.ServiceId))
            failures.Add("Dispatcher:Cluster:ClusterId and ServiceId are required.");
        foreach (var key in o.ApiKeys)
        {
            if (key.Sha256 is not { Length: 64 } || !key.Sha256.All(Uri.IsHexDigit))
                failures.Add($"Dispatcher:ApiKeys '{key.Name}': Sha256 must be 64 hex digits.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
