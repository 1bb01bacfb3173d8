namespace Dispatcher.Abstractions;

/// <summary>Provider and stream names shared by silos, clients and department systems.</summary>
public static class DispatcherNames
{
    /// <summary>Grain storage used by every Dispatcher grain (memory or ADO.NET, by configuration).</summary>
    public const string Storage = "dispatcher";

    /// <summary>Grain storage of case grains: the memory storage, or in PostgreSQL mode one of their own that writes the case-index row with the state (ADR-029).</summary>
    public const string CaseStorage = "cases";

    /// <summary>Stream provider that carries department events.</summary>
    public const string StreamProvider = "DepartmentStreams";

    /// <summary>Stream namespace of department streams; the stream key is the department id.</summary>
    public const string DepartmentStreamNamespace = "department";

    /// <summary>Key of the cluster-wide singletons that are off the hot path (routing table, triage queue).</summary>
    public const string SingletonKey = "city";

    /// <summary>
    /// The embedded demo's secret for idempotent tracking numbers (ADR-002); production sets its own
    /// Dispatcher:TrackingSecret, and clients that submit with idempotency keys must use the same.
    /// </summary>
    public const string DemoTrackingSecret = "embedded-demo-tracking-secret";

    /// <summary>Stream namespace of partner hotlines; the key is the line id.</summary>
    public const string PartnerStreamNamespace = "partner";
}
