using System.Text;
using System.Xml;

namespace Dispatcher.Host.Open311;

/// <summary>Texts as both formats can carry them.</summary>
public static class Open311Texts
{
    /// <summary>
    /// Replaces what XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD, so a
    /// stored description with such a character is answered, never a failed response (no 500).
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var ok = pair || XmlConvert.IsXmlChar(c);
            if (!ok) (cleaned ??= new StringBuilder(text, 0, i, text.Length)).Append('\uFFFD');
            else
            {
                cleaned?.Append(c);
                if (pair) cleaned?.Append(text[i + 1]);
            }
            if (pair) i++;
        }
        return cleaned?.ToString() ?? text;
    }

    /// <summary>At most 64 characters of what a client sent, to quote back in an error.</summary>
    public static string Echo(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 64 ? value : value[..64] + "…";
    }
}
