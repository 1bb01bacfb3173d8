using System.Security.Cryptography;
using System.Text;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Security;

/// <summary>Known API keys, held as SHA-256 hashes only. A presented key is hashed and looked up.</summary>
public sealed class ApiKeyStore
{
    private readonly Dictionary<string, ApiKeyEntry> _byHash;

    public ApiKeyStore(IEnumerable<ApiKeyEntry> keys)
    {
        _byHash = new(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys) _byHash[key.Sha256] = key;
    }

    public ApiKeyEntry? Find(string presentedKey) =>
        string.IsNullOrEmpty(presentedKey) || presentedKey.Length > 256 ? null : _byHash.GetValueOrDefault(Hash(presentedKey));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
