using System.Globalization;
using System.Text.RegularExpressions;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Open311;

/// <summary>Datetimes as Open311 wants them: ISO 8601 with the city's offset ("2026-11-28T10:00:00+08:00").</summary>
public static partial class Open311Dates
{
    public static Open311Value Format(DateTimeOffset? at, CityDirectory city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return at is { } value ? value.ToOffset(city.UtcOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : (string?)null;
    }

    /// <summary>
    /// A date or datetime argument: with an offset (or Z) as given; without one, the city's local time
    /// (a client in the city means its own clock). Null when absent; a 400 naming the argument when unreadable.
    /// </summary>
    public static DateTimeOffset? Parse(string argument, string? value, CityDirectory city)
    {
        ArgumentNullException.ThrowIfNull(city);
        if (string.IsNullOrWhiteSpace(value)) return null;
        // "…T10:00:00+08:00" sent without URL-encoding the "+" arrives as "…T10:00:00 08:00".
        var text = UnencodedPlus().Replace(value.Trim(), "$1+$2");
        if (HasZone().IsMatch(text))
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned) && InRange(zoned.UtcDateTime)) return zoned;
        }
        else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && InRange(local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), city.UtcOffset);
        }
        throw Open311Exception.BadArgument(argument, "Use an ISO 8601 date or datetime between the years 2000 and 9000, e.g. 2026-11-28T10:00:00+08:00.");
    }

    /// <summary>Far from both ends of the calendar, so that windows of 90 days around it never overflow.</summary>
    private static bool InRange(DateTime at) => at.Year is >= 2000 and < 9000;

    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex HasZone();

    [GeneratedRegex(@"^(.*T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")]
    private static partial Regex UnencodedPlus();
}
