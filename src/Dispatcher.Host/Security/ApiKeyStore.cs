using System.Security.Cryptography;
using System.Text;
using Dispatcher.Abstractions.Audit;
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

    /// <summary>Every configured key by name and role, without the hash: what the audit log records (ADR-023).</summary>
    public IReadOnlyList<ApiKeyAccount> Accounts => _byHash.Values.Select(k => new ApiKeyAccount(k.Name, k.Role, k.DepartmentId)).ToArray();

    public ApiKeyEntry? Find(string presentedKey) =>
        string.IsNullOrEmpty(presentedKey) || presentedKey.Length > 256 ? null : _byHash.GetValueOrDefault(Hash(presentedKey));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
