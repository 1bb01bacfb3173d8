using System.Net;
using System.Net.Sockets;

namespace Dispatcher.Tests.Shared;

/// <summary>
/// Loopback ports for the servers a test starts (hosts, silos, mail sinks). A port the OS hands out
/// for "any port" (bind to 0) comes from the ephemeral range, the same range every outgoing socket
/// (HTTP clients, PostgreSQL connections, silo-to-silo links) draws from: between the test releasing
/// it and the server binding it, an outgoing connection can take it, and the server fails to start
/// with "address already in use". So ports come from 15000–22299 instead: below Linux's ephemeral
/// range (32768+), below Orleans TestingHost's own range (22300+) and away from pg-up.sh's (10000–14999),
/// never the same one twice in a process, and only when nothing listens there now.
/// </summary>
public static class FreePorts
{
    private const int First = 15000;
    private const int Count = 7300;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var port = First + Random.Shared.Next(Count);
                if (Given.Contains(port) || !CanBind(port)) continue;
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port in {First}–{First + Count - 1} after 500 tries.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
