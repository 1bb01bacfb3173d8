namespace Dispatcher.Client;

/// <summary>
/// Turns Orleans' gateway notifications into two plain events. Stream subscriptions made over a
/// lost connection may be gone (memory pub-sub state dies with its silo) and events published
/// meanwhile are lost for good, so subscribers renew and reconcile on <see cref="Reconnected"/>.
/// </summary>
public sealed class ClusterConnectionMonitor : IClusterConnectionStatusObserver
{
    /// <summary>Raised when the client has no gateway left.</summary>
    public event Action? ConnectionLost;

    /// <summary>Raised when gateways are reachable again after a loss.</summary>
    public event Action? Reconnected;

    /// <summary>Gateways the client is connected to right now.</summary>
    public int ConnectedGateways { get; private set; }

    public void NotifyClusterConnectionLost()
    {
        ConnectedGateways = 0;
        ConnectionLost?.Invoke();
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        ConnectedGateways = currentNumberOfGateways;
        if (connectionRecovered) Reconnected?.Invoke();
    }
}
