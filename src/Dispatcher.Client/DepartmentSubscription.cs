using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Departments;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Dispatcher.Client;

/// <summary>
/// One department stream subscription that survives reconnects: after the client regains a
/// gateway it drops the old handle (best effort — its silo may be gone) and subscribes anew, so
/// events do not stop silently, then lets the owner reconcile what was missed.
/// </summary>
internal sealed class DepartmentSubscription : IAsyncDisposable
{
    private readonly IAsyncStream<DepartmentEvent> _stream;
    private readonly ClusterConnectionMonitor _connection;
    private readonly Func<DepartmentEvent, Task> _onEvent;
    private readonly Func<Task>? _onResubscribed;
    private readonly ILogger _logger;
    private readonly string _departmentId;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StreamSubscriptionHandle<DepartmentEvent>? _handle;
    private bool _disposed;

    private DepartmentSubscription(IClusterClient cluster, ClusterConnectionMonitor connection, string departmentId,
        Func<DepartmentEvent, Task> onEvent, Func<Task>? onResubscribed, ILogger logger)
    {
        _stream = cluster.GetStreamProvider(DispatcherNames.StreamProvider)
            .GetStream<DepartmentEvent>(StreamId.Create(DispatcherNames.DepartmentStreamNamespace, departmentId));
        _connection = connection;
        _departmentId = departmentId;
        _onEvent = onEvent;
        _onResubscribed = onResubscribed;
        _logger = logger;
    }

    public static async Task<IAsyncDisposable> Start(IClusterClient cluster, ClusterConnectionMonitor connection, string departmentId,
        Func<DepartmentEvent, Task> onEvent, Func<Task>? onResubscribed, ILogger logger)
    {
        var subscription = new DepartmentSubscription(cluster, connection, departmentId, onEvent, onResubscribed, logger);
        subscription._handle = await subscription._stream.SubscribeAsync((e, _) => subscription._onEvent(e));
        connection.Reconnected += subscription.OnReconnected;
        return subscription;
    }

    // Fired on an Orleans thread: renew in the background and never throw back into the runtime.
    private void OnReconnected() => _ = Renew();

    /// <summary>Subscribes again; internal so tests can exercise the path without killing a silo.</summary>
    internal async Task Renew()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed) return;
            await UnsubscribeQuietly();
            _handle = await _stream.SubscribeAsync((e, _) => _onEvent(e));
            SubscriptionLog.Renewed(_logger, _departmentId);
        }
        catch (Exception ex)
        {
            SubscriptionLog.RenewFailed(_logger, ex, _departmentId);
            return;
        }
        finally
        {
            _gate.Release();
        }
        if (_onResubscribed is null) return;
        try
        {
            await _onResubscribed();
        }
        catch (Exception ex)
        {
            SubscriptionLog.ResubscribedCallbackFailed(_logger, ex, _departmentId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Reconnected -= OnReconnected;
        await _gate.WaitAsync();
        try
        {
            if (_disposed) return;
            _disposed = true;
            await UnsubscribeQuietly();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task UnsubscribeQuietly()
    {
        if (_handle is not { } handle) return;
        _handle = null;
        try
        {
            await handle.UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            SubscriptionLog.UnsubscribeFailed(_logger, ex, _departmentId);
        }
    }
}

internal static partial class SubscriptionLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Department {DepartmentId}: stream subscription renewed after a reconnect")]
    public static partial void Renewed(ILogger logger, string departmentId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Department {DepartmentId}: renewing the stream subscription failed; events stay off until the next reconnect")]
    public static partial void RenewFailed(ILogger logger, Exception ex, string departmentId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Department {DepartmentId}: the after-reconnect callback failed")]
    public static partial void ResubscribedCallbackFailed(ILogger logger, Exception ex, string departmentId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug, Message = "Department {DepartmentId}: dropping the old stream subscription failed (its silo may be gone)")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception ex, string departmentId);
}
