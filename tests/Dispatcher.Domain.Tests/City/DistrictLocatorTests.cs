using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Tests.City;

/// <summary>Districts from centre points: the nearest centre wins, within that district's radius.</summary>
public sealed class DistrictLocatorTests
{
    [Theory]
    [InlineData(34.7856, 113.6737, "jinshui")]      // Huayuan Rd & Nongye Rd, the README's walk-through
    [InlineData(34.7590, 113.7300, "zhengdong")]    // the CBD
    [InlineData(34.7470, 113.6100, "zhongyuan")]
    [InlineData(34.7180, 113.6450, "erqi")]
    [InlineData(34.7200, 113.9700, "zhongmou")]
    [InlineData(34.3900, 113.7400, "xinzheng")]
    public void A_location_in_the_demo_city_lies_in_the_district_with_the_nearest_centre(double lat, double lon, string district)
    {
        Assert.Equal(district, DistrictLocator.Locate(DemoCity.City, lat, lon)?.Id);
    }

    [Theory]
    [InlineData(39.9042, 116.4074)]   // Beijing
    [InlineData(34.7856, 114.5000)]   // east of Zhongmou, beyond its radius
    [InlineData(double.NaN, 113.6)]
    [InlineData(34.78, double.PositiveInfinity)]
    [InlineData(91.0, 113.6)]
    public void A_location_outside_every_districts_radius_or_not_on_the_globe_lies_in_none(double lat, double lon)
    {
        Assert.Null(DistrictLocator.Locate(DemoCity.City, lat, lon));
    }

    [Fact]
    public void Between_two_centres_the_nearer_one_wins_and_districts_without_a_centre_are_never_chosen()
    {
        var city = City("""
            [ { "id": "west", "name": "W", "kind": "district", "centre": { "lat": 0, "long": 0 }, "radiusKm": 100 },
              { "id": "east", "name": "E", "kind": "district", "centre": { "lat": 0, "long": 1 }, "radiusKm": 100 },
              { "id": "nowhere", "name": "N", "kind": "district" } ]
            """);
        Assert.Equal("west", DistrictLocator.Locate(city, 0, 0.49)?.Id);
        Assert.Equal("east", DistrictLocator.Locate(city, 0, 0.51)?.Id);
        Assert.Null(DistrictLocator.Locate(city, 0, 3)); // ~220 km from east's centre: outside its 100 km
    }

    [Theory]
    [InlineData("""{ "lat": 34.7, "long": 113.6 }""", null)]
    [InlineData(null, "10")]
    [InlineData("""{ "lat": 134.7, "long": 113.6 }""", "10")]
    [InlineData("""{ "lat": 34.7, "long": 113.6 }""", "0")]
    public void A_city_file_with_half_a_district_geometry_is_refused(string? centre, string? radius)
    {
        var extra = (centre is null ? "" : $", \"centre\": {centre}") + (radius is null ? "" : $", \"radiusKm\": {radius}");
        var ex = Assert.Throws<InvalidDataException>(() => City($$"""[ { "id": "d1", "name": "D1", "kind": "district"{{extra}} } ]"""));
        Assert.Contains("districts.d1", ex.Message);
    }

    private static CityDirectory City(string districts) => CityDirectory.Parse($$"""
        {
          "name": "Test", "code": "TT", "districts": {{districts}},
          "departments": [ { "id": "dep1", "name": "Dep 1" } ],
          "categories": [ { "id": "c1", "name": "C1" } ],
          "rules": [ { "id": "r1", "category": "c1", "priority": 0, "departmentId": "dep1" } ]
        }
        """);
}
