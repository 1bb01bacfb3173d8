using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.LoadTests.Workload;

/// <summary>
/// The call-takers of the load: a consultation with a knowledge entry is answered and closed at
/// first contact by one of them (R2), as half of all contacts are on a real hotline. Their API keys
/// are added to the in-process host; against --target the demo agents' keys are used.
/// </summary>
public static class LoadAgents
{
    public const int Count = 100;
    public static string Id(int i) => $"loadtest-agent-{i:D3}";
    public static string Key(int i) => $"loadtest-agent-key-{i:D3}";
    public static int Pick() => Random.Shared.Next(Count);
    public static (string Name, string Key)[] Keys() => Enumerable.Range(0, Count).Select(i => (Id(i), Key(i))).ToArray();

    /// <summary>Host arguments that register the agents' keys (hashes only, as production keys are given).</summary>
    public static IEnumerable<string> HostArgs()
    {
        // Indexes above any the host's own configuration might use.
        for (var i = 0; i < Count; i++)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Key(i)))).ToLowerInvariant();
            yield return $"--Dispatcher:ApiKeys:{900 + i}:Name={Id(i)}";
            yield return $"--Dispatcher:ApiKeys:{900 + i}:Role=agent";
            yield return $"--Dispatcher:ApiKeys:{900 + i}:Sha256={hash}";
        }
    }
}
