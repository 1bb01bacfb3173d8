using Dispatcher.Domain.City;

namespace Dispatcher.Host.Open311;

/// <summary>GeoReport v2 discovery: where this endpoint is, which formats it speaks, whom to ask for a key.</summary>
public static class Open311Discovery
{
    /// <summary>When this endpoint's contract last changed.</summary>
    public static readonly DateTimeOffset Changeset = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static Open311Document Document(CityDirectory city, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(city);
        var changeset = Open311Dates.Format(Changeset, city);
        return new("discovery", Open311Object.Of(
            ("changeset", changeset),
            ("contact", $"{city.Name} 12345 government service hotline"),
            ("key_service", "api_key: the key of a channel or a partner line, issued by the 12345 centre. Reading needs no key."),
            ("endpoints", new Open311List("endpoint",
            [
                Open311Object.Of(
                    ("specification", "http://wiki.open311.org/GeoReport_v2"),
                    ("url", baseUrl),
                    ("changeset", changeset),
                    ("type", "production"),
                    ("formats", new Open311List("format", ["text/xml", "application/json"]))),
            ]))));
    }
}
