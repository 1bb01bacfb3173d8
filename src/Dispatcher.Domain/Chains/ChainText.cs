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
public sealed class ChainText
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts a text with the chain's tag (e.g. <c>dispatcher.history.v1</c>).</summary>
    public static ChainText Tagged(string scheme) => new ChainText().Field(scheme);

    public ChainText Field(string? value)
    {
        if (value is null) _text.Append("-;");
        else _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
        return this;
    }

    public ChainText Number(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Two fields: the time in UTC with all seven fractional digits, then its UTC ticks.</summary>
    public ChainText Time(DateTimeOffset at) =>
        Field(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)).Number(at.UtcTicks);

    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_text.ToString())));
}
