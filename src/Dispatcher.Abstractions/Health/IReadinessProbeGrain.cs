namespace Dispatcher.Abstractions.Health;

/// <summary>
/// A readiness probe that is always activated on the calling silo (a stateless worker): it proves
/// that this silo's runtime schedules grain calls, without depending on any other silo.
/// </summary>
[Alias("dispatcher.IReadinessProbeGrain")]
public interface IReadinessProbeGrain : IGrainWithIntegerKey
{
    /// <summary>The address of the silo that answered (for the caller to check it is its own).</summary>
    [Alias("Ping")] Task<string> Ping();
}
