using Dispatcher.Domain.City;

namespace Dispatcher.Host.Open311;

/// <summary>This endpoint serves one city: its code (CityDirectory.Code, "ZZ") is the only jurisdiction_id; absent or empty means it.</summary>
public static class Open311Jurisdiction
{
    public const string Argument = "jurisdiction_id";

    public static void Check(string? jurisdictionId, CityDirectory city)
    {
        ArgumentNullException.ThrowIfNull(city);
        if (string.IsNullOrEmpty(jurisdictionId) || string.Equals(jurisdictionId, city.Code, StringComparison.OrdinalIgnoreCase)) return;
        throw new Open311Exception(StatusCodes.Status404NotFound, $"Unknown jurisdiction_id '{Open311Texts.Echo(jurisdictionId)}': this endpoint serves {city.Code}.");
    }
}
