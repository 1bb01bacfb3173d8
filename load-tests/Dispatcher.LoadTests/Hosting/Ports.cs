using System.Net;
using System.Net.Sockets;

namespace Dispatcher.LoadTests.Hosting;

/// <summary>Free loopback ports for the hosts and silos of a run.</summary>
public static class Ports
{
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
