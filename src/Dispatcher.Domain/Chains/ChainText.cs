using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Domain.Chains;

/// <summary>
/// The canonical text every hash chain is computed over (ADR-020, ADR-023), stated once: each field is
/// written as <c>length:value;</c> (length in UTF-16 units; null as <c>-;</c>), so no two different
/// field lists encode alike; numbers in the invariant culture; a time as
/// <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> in UTC followed by its UTC ticks; the text is hashed as UTF-8
/// with SHA-256 and written as lower-case hex. Each chain states its own tag and field order.
/// </summary>
/// <remarks>
/// Every case transition hashes an entry, so the text is built without intermediate strings: numbers
/// and times are formatted into the builder, the builder is reused per thread, and the UTF-8 bytes
/// and the hash live in pooled or stack memory. Only the hex result is allocated.
/// </remarks>
public sealed class ChainText
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [ThreadStatic] private static StringBuilder? s_cached;
    private StringBuilder? _text;

    private ChainText(StringBuilder text) => _text = text;

    /// <summary>Starts a text with the chain's tag (e.g. <c>dispatcher.history.v1</c>).</summary>
    public static ChainText Tagged(string scheme)
    {
        var text = s_cached ?? new StringBuilder(256);
        s_cached = null;
        return new ChainText(text.Clear()).Field(scheme);
    }

    private StringBuilder Text => _text ?? throw new InvalidOperationException("The text was already hashed.");

    public ChainText Field(string? value)
    {
        if (value is null) Text.Append("-;");
        else Text.Append(CultureInfo.InvariantCulture, $"{value.Length}:").Append(value).Append(';');
        return this;
    }

    public ChainText Number(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        return Formatted(digits[..length]);
    }

    /// <summary>Two fields: the time in UTC with all seven fractional digits, then its UTC ticks.</summary>
    public ChainText Time(DateTimeOffset at)
    {
        Span<char> time = stackalloc char[32];
        at.UtcDateTime.TryFormat(time, out var length, TimeFormat, CultureInfo.InvariantCulture);
        return Formatted(time[..length]).Number(at.UtcTicks);
    }

    private ChainText Formatted(ReadOnlySpan<char> value)
    {
        Text.Append(CultureInfo.InvariantCulture, $"{value.Length}:").Append(value).Append(';');
        return this;
    }

    public string Sha256()
    {
        var text = Text;
        _text = null;
        var chars = ArrayPool<char>.Shared.Rent(text.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            text.CopyTo(0, chars, text.Length);
            var length = Encoding.UTF8.GetBytes(chars, 0, text.Length, bytes, 0);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(bytes);
            // A builder grown by a long note is not kept for the thread.
            if (text.Capacity <= 4096) s_cached = text;
        }
    }
}
