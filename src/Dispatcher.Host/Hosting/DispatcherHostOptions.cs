using Dispatcher.Abstractions;
using Dispatcher.Storage.Postgres;

namespace Dispatcher.Host.Hosting;

public enum StorageMode { Memory, Postgres }

/// <summary>How this process hosts the dispatcher (section "Dispatcher"). Validated at start-up.</summary>
public sealed class DispatcherHostOptions
{
    public const string Section = "Dispatcher";

    /// <summary>Memory (embedded default) or Postgres (production; needs ConnectionStrings:Dispatcher).</summary>
    public StorageMode Storage { get; set; } = StorageMode.Memory;

    /// <summary>The city data file, relative to the application folder unless absolute.</summary>
    public string CityFile { get; set; } = "city/zhengzhou.json";

    /// <summary>
    /// Secret that turns idempotency keys into tracking numbers. Every silo of a cluster needs the
    /// same one; required in Postgres mode (the embedded mode uses a fixed demo secret).
    /// </summary>
    public string? TrackingSecret { get; set; }

    public ClusterSettings Cluster { get; set; } = new();

    /// <summary>
    /// Intakes one silo process may have in progress; beyond it an intake is refused at once with 503
    /// and Retry-After instead of queueing for storage (ADR-010). About 2–3 s of work at the durable
    /// rate measured on a 2-core machine; raise it with the database's capacity.
    /// </summary>
    public int MaxIntakesInFlight { get; set; } = 2000;

    public PostgresSettings Postgres { get; set; } = new();

    /// <summary>Extra API keys, given as SHA-256 hashes only (production keys never sit in a file in clear).</summary>
    public List<Dispatcher.Domain.City.ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>
    /// Whether the city file's demo keys (admin included) may be loaded with Storage=Postgres. Off by
    /// default: a production silo refuses to start with them; test and load-test clusters set it.
    /// </summary>
    public bool AllowDemoKeys { get; set; }

    /// <summary>
    /// Extra staff accounts of the console (ADR-024), with <c>PasswordHasher</c> hashes only — the
    /// production accounts; the city file's are demo accounts.
    /// </summary>
    public List<Dispatcher.Domain.City.StaffAccount> Staff { get; set; } = [];

    /// <summary>
    /// A folder every silo reads and writes (the same on every machine: a shared volume) where the
    /// keys that protect session and antiforgery cookies are kept, so a cookie issued by one silo is
    /// read by every other behind the load balancer. Unset: ASP.NET Core's default, the user profile
    /// of this machine — enough for one machine, not for silos on several.
    /// </summary>
    public string? SessionKeysFolder { get; set; }

    /// <summary>
    /// The one rule for the city file's demo credentials (API keys and staff accounts): a production
    /// silo (Storage=Postgres) refuses them unless <see cref="AllowDemoKeys"/> says this is a test system.
    /// </summary>
    public bool RefusesDemoCredentials => Storage == StorageMode.Postgres && !AllowDemoKeys;

    public const string DemoTrackingSecret = DispatcherNames.DemoTrackingSecret;
}

public sealed class ClusterSettings
{
    public string ClusterId { get; set; } = "dispatcher";
    public string ServiceId { get; set; } = "dispatcher";
    /// <summary>Silo-to-silo port; ports are chosen so the embedded default does not clash with Orleans' 11111/30000.</summary>
    public int SiloPort { get; set; } = 11611;
    public int GatewayPort { get; set; } = 30611;
    /// <summary>The address other silos reach this one at (loopback by default).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}
