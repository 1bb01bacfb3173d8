using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;

namespace Dispatcher.Host.Security;

/// <summary>
/// On silo start: records the configured API-key set (city file and Dispatcher:ApiKeys) in the admin
/// audit log when it differs from the last one recorded — keys added, removed or given another role,
/// by name (ADR-023). Silos started with the same configuration record it once.
/// </summary>
public sealed class ApiKeyAudit(IGrainFactory grains, ApiKeyStore keys) : IStartupTask
{
    /// <summary>Who the audit log names for changes made by editing the configuration.</summary>
    public const string By = "configuration";

    public Task Execute(CancellationToken cancellationToken) =>
        grains.GetGrain<IAuditLogGrain>(DispatcherNames.SingletonKey).RecordApiKeys(keys.Accounts, By);
}
