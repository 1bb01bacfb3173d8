using Dispatcher.Abstractions;

namespace Dispatcher.Client;

/// <summary>
/// How a front-end channel or department system reaches the dispatcher cluster (section
/// "Dispatcher:Client"). Without <see cref="ConnectionString"/> the client talks to one known
/// gateway (the embedded single-silo mode); with it, gateways are discovered from the PostgreSQL
/// membership table, so silos can come and go.
/// </summary>
public sealed class DispatcherClientOptions
{
    public const string Section = "Dispatcher:Client";

    /// <summary>Must equal the silos' Dispatcher:Cluster:ClusterId, or the gateway refuses the client.</summary>
    public string ClusterId { get; set; } = "dispatcher";

    /// <summary>Must equal the silos' Dispatcher:Cluster:ServiceId.</summary>
    public string ServiceId { get; set; } = "dispatcher";

    /// <summary>Gateway host (name or IP) when no connection string is given.</summary>
    public string GatewayHost { get; set; } = "127.0.0.1";

    /// <summary>Gateway port; the host's default is 30611 so it does not clash with Orleans' 30000.</summary>
    public int GatewayPort { get; set; } = 30611;

    /// <summary>PostgreSQL connection string: selects ADO.NET clustering (gateway discovery) instead of the fixed gateway.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The city prefix of tracking numbers ("ZZ" for Zhengzhou); must match the host's city file.</summary>
    public string CityCode { get; set; } = "ZZ";

    /// <summary>
    /// The host's Dispatcher:TrackingSecret. Only needed to submit with an idempotency key: the case
    /// id is derived from the key by HMAC, so a client and the HTTP API with the same secret land a
    /// retried intake on the same case. Null means the embedded mode's demo secret, which is refused
    /// together with a connection string (production must configure its own).
    /// </summary>
    public string? TrackingSecret { get; set; }

    /// <summary>
    /// How often a failed first connection is retried before start-up gives up (0 = fail at once).
    /// A department system started before the dispatcher then simply waits for it.
    /// </summary>
    public int ConnectAttempts { get; set; } = 30;

    /// <summary>Pause between connection attempts.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The embedded host's fixed secret (Dispatcher.Host's DispatcherHostOptions.DemoTrackingSecret).</summary>
    public const string DemoTrackingSecret = DispatcherNames.DemoTrackingSecret;

    internal bool UsesPostgres => !string.IsNullOrWhiteSpace(ConnectionString);

    internal string EffectiveTrackingSecret => TrackingSecret ?? (UsesPostgres
        ? throw new InvalidOperationException("Dispatcher:Client:TrackingSecret is required to submit with an idempotency key against a PostgreSQL cluster.")
        : DemoTrackingSecret);

    /// <summary>Fails fast on settings that could only fail later and more obscurely.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) throw new ArgumentException("ClusterId is required.", nameof(ClusterId));
        if (string.IsNullOrWhiteSpace(ServiceId)) throw new ArgumentException("ServiceId is required.", nameof(ServiceId));
        if (string.IsNullOrWhiteSpace(CityCode)) throw new ArgumentException("CityCode is required.", nameof(CityCode));
        if (!UsesPostgres && (string.IsNullOrWhiteSpace(GatewayHost) || GatewayPort is <= 0 or > 65535))
            throw new ArgumentException("Give GatewayHost and a GatewayPort in 1..65535, or a ConnectionString.", nameof(GatewayPort));
        if (ConnectAttempts < 0) throw new ArgumentException("ConnectAttempts must not be negative.", nameof(ConnectAttempts));
    }
}
