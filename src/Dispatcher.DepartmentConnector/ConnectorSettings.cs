using Dispatcher.Abstractions;
using Dispatcher.Client;

namespace Dispatcher.DepartmentConnector;

/// <summary>What one connector does: which department it serves and whether it acknowledges on its own.</summary>
public sealed class ConnectorSettings
{
    public required string Department { get; init; }

    /// <summary>Acknowledge (签收) every newly assigned or reopened case at once; otherwise only report it.</summary>
    public bool AutoAcknowledge { get; init; }

    /// <summary>
    /// A full inbox reconciliation at this interval besides start and reconnect: the dispatcher
    /// logs but does not retry a failed stream publish, so the stream alone can miss a case.
    /// </summary>
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Who the connector acts as: a department user the case grain authorizes for this department only.</summary>
    public Actor Actor => new(ActorKind.Department, $"{Department}-connector", Department);

    public DispatcherClientOptions Client { get; init; } = new();

    public const string Usage = """
        usage: Dispatcher.DepartmentConnector --department <id> [--gateway host:port] [--cluster-id id] [--service-id id]
                                              [--connection-string "<postgres>"] [--auto-acknowledge] [--reconcile-every hh:mm:ss]
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a readable message on bad input.</summary>
    public static ConnectorSettings Parse(IReadOnlyList<string> args)
    {
        string? department = null;
        var autoAcknowledge = false;
        var reconcileEvery = TimeSpan.FromMinutes(1);
        var client = new DispatcherClientOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--department": department = Value(); break;
                case "--gateway": (client.GatewayHost, client.GatewayPort) = ParseGateway(Value()); break;
                case "--cluster-id": client.ClusterId = Value(); break;
                case "--service-id": client.ServiceId = Value(); break;
                case "--connection-string": client.ConnectionString = Value(); break;
                case "--auto-acknowledge": autoAcknowledge = true; break;
                case "--reconcile-every":
                    reconcileEvery = TimeSpan.TryParse(Value(), out var t) && t > TimeSpan.Zero ? t : throw new ArgumentException("--reconcile-every must be a positive hh:mm:ss.");
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        if (string.IsNullOrWhiteSpace(department)) throw new ArgumentException("--department is required.");
        client.Validate();
        return new ConnectorSettings { Department = department, AutoAcknowledge = autoAcknowledge, ReconcileEvery = reconcileEvery, Client = client };
    }

    private static (string Host, int Port) ParseGateway(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], out var port))
            throw new ArgumentException($"--gateway '{value}' is not host:port.");
        return (value[..colon], port);
    }
}
