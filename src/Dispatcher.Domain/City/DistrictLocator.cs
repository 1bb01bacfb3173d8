using Dispatcher.Domain.Matching;

namespace Dispatcher.Domain.City;

/// <summary>
/// Which district a location lies in, from the districts' centre points: the district whose centre
/// is nearest (so districts never overlap and leave no gaps between each other), provided the
/// location is within that district's radius — farther out, it is outside the city.
/// </summary>
public static class DistrictLocator
{
    /// <summary>The district of a WGS84 location, or null when it is outside every district (or no district has a centre).</summary>
    public static District? Locate(CityDirectory city, double lat, double lon)
    {
        ArgumentNullException.ThrowIfNull(city);
        if (!IsValid(new GeoPoint(lat, lon))) return null;
        District? nearest = null;
        var nearestMeters = double.MaxValue;
        foreach (var district in city.Districts)
        {
            if (district.Centre is not { } centre || district.RadiusKm is not { } radius) continue;
            var meters = IncidentPlace.Meters(lat, lon, centre.Lat, centre.Long);
            if (meters < nearestMeters)
            {
                nearest = district;
                nearestMeters = meters;
            }
        }
        return nearest is not null && nearestMeters <= nearest.RadiusKm!.Value * 1000 ? nearest : null;
    }

    /// <summary>Finite and on the globe (NaN passes no comparison, so it is checked first).</summary>
    public static bool IsValid(GeoPoint point) =>
        point is not null && double.IsFinite(point.Lat) && double.IsFinite(point.Long) && point.Lat is >= -90 and <= 90 && point.Long is >= -180 and <= 180;
}
