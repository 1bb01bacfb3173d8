namespace Dispatcher.Domain.Matching;

/// <summary>
/// Whether two reports are about the same place (并单): the same normalised address, or — when both
/// carry coordinates — within a distance.
/// </summary>
public static class IncidentPlace
{
    /// <summary>Lower case, no whitespace or punctuation: "No. 1, Example Rd" ≈ "no1examplerd".</summary>
    public static string? Normalise(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        // Asked for every report that may merge: letters and digits into a stack buffer (the heap for a very long address), one string out.
        var buffer = address.Length <= 256 ? stackalloc char[address.Length] : new char[address.Length];
        var length = 0;
        foreach (var c in address)
            if (char.IsLetterOrDigit(c)) buffer[length++] = char.ToLowerInvariant(c);
        return length == 0 ? null : new string(buffer[..length]);
    }

    public static bool Same(string? addressA, double? latA, double? lonA, string? addressB, double? latB, double? lonB, double maxMeters)
    {
        if (latA is { } la && lonA is { } oa && latB is { } lb && lonB is { } ob) return Meters(la, oa, lb, ob) <= maxMeters;
        var a = Normalise(addressA);
        return a is not null && a == Normalise(addressB);
    }

    /// <summary>Great-circle distance (haversine) in metres.</summary>
    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        const double earth = 6_371_000;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earth * Math.Asin(Math.Sqrt(h));
    }
}
