namespace Dispatcher.Host.Open311;

/// <summary>The answer's format, chosen by the path's suffix (GeoReport v2: ".xml" required, ".json" optional).</summary>
public enum Open311Format { Xml, Json }

public static class Open311Formats
{
    /// <summary>The route value that holds the suffix ("requests.{format}").</summary>
    public const string RouteValue = "format";

    /// <summary>"xml" or "json" (any case); anything else is an unknown resource (404, answered in XML).</summary>
    public static Open311Format Parse(string? suffix) =>
        TryParse(suffix, out var format) ? format
            : throw new Open311Exception(StatusCodes.Status404NotFound, $"Unknown format '.{suffix}': use .xml or .json.");

    public static bool TryParse(string? suffix, out Open311Format format)
    {
        format = Open311Format.Xml;
        if (string.Equals(suffix, "xml", StringComparison.OrdinalIgnoreCase)) return true;
        if (!string.Equals(suffix, "json", StringComparison.OrdinalIgnoreCase)) return false;
        format = Open311Format.Json;
        return true;
    }

    /// <summary>The format of the request being answered: its suffix, XML (the required format) when it has none or an unknown one.</summary>
    public static Open311Format Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return TryParse(http.Request.RouteValues[RouteValue] as string, out var format) ? format : Open311Format.Xml;
    }

    public static string ContentType(Open311Format format) =>
        format == Open311Format.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}
