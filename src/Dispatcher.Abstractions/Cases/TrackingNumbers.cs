using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// Tracking numbers: a city prefix and 12 Crockford base-32 characters (60 random bits) in
/// groups of four, e.g. "ZZ-K7Q4-M9XP-3TRA" — short enough to read out on the phone,
/// impossible to guess. With an idempotency key the number is derived from the key by HMAC, so a
/// retried intake lands on the same case grain without any lookup table (ADR-002).
/// </summary>
public sealed class TrackingNumbers(string cityCode, byte[] secret)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public string NewRandom()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Format(bytes);
    }

    /// <summary>The same (scope, key) always gives the same number; scope keeps callers' keys apart.</summary>
    public string FromIdempotencyKey(string scope, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(scope + "\n" + key), hash);
        return Format(hash[..8]);
    }

    public bool IsWellFormed(string id)
    {
        if (id.Length != cityCode.Length + 15 || !id.StartsWith(cityCode + "-", StringComparison.Ordinal)) return false;
        var body = id[(cityCode.Length + 1)..];
        for (var i = 0; i < body.Length; i++)
        {
            var ok = i % 5 == 4 ? body[i] == '-' : Alphabet.Contains(body[i]);
            if (!ok) return false;
        }
        return true;
    }

    private string Format(ReadOnlySpan<byte> bytes)
    {
        var value = BitConverter.ToUInt64(bytes);
        var chars = new char[14];
        for (int i = 0, c = 0; i < 14; i++)
        {
            if (i % 5 == 4) { chars[i] = '-'; continue; }
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
            c++;
        }
        return cityCode + "-" + new string(chars);
    }
}
