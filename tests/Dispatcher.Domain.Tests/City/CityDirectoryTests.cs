using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Tests.City;

public sealed class CityDirectoryTests
{
    [Fact]
    public void The_demo_city_file_parses_with_its_departments_categories_and_rules()
    {
        var city = CityDirectory.Parse(File.ReadAllText(DemoCity.FilePath));

        Assert.Equal("ZZ", city.Code);
        Assert.Equal(TimeSpan.FromHours(8), city.UtcOffset);
        Assert.True(city.Departments.Count >= 12, $"expected at least 12 departments, got {city.Departments.Count}");
        Assert.True(city.Categories.Count >= 10, $"expected at least 10 categories, got {city.Categories.Count}");
        Assert.NotEmpty(city.Rules);
        foreach (var district in new[] { "erqi", "jinshui", "zhengdong", "huiji", "zhongyuan" })
            Assert.True(city.FindDistrict(district) is not null, $"district '{district}' is missing");
        foreach (var department in new[] { "city-urban-management", "jinshui-environment", "city-construction-committee", "city-public-security", "city-environment" })
            Assert.True(city.FindDepartment(department) is not null, $"department '{department}' is missing");
        foreach (var category in new[] { "construction-noise", "social-noise", "other" })
            Assert.True(city.FindCategory(category) is not null, $"category '{category}' is missing");
    }

    [Fact]
    public void A_city_file_whose_rule_names_an_unknown_department_is_refused()
    {
        const string json = """
        {
          "name": "Broken", "code": "BR",
          "districts": [ { "id": "d1", "name": "D1", "kind": "district" } ],
          "departments": [ { "id": "dep1", "name": "Dep 1" } ],
          "categories": [ { "id": "c1", "name": "C1" } ],
          "rules": [ { "id": "r1", "category": "c1", "priority": 0, "departmentId": "ghost" } ]
        }
        """;

        var ex = Assert.Throws<InvalidDataException>(() => CityDirectory.Parse(json));
        Assert.Contains("ghost", ex.Message);
    }

    [Fact]
    public void A_city_file_whose_api_key_names_an_unknown_department_is_refused()
    {
        const string json = """
        {
          "name": "Broken", "code": "BR",
          "districts": [], "departments": [], "categories": [], "rules": [],
          "apiKeys": [ { "name": "k1", "role": "department", "sha256": "00", "departmentId": "ghost" } ]
        }
        """;

        var ex = Assert.Throws<InvalidDataException>(() => CityDirectory.Parse(json));
        Assert.Contains("apiKeys.k1", ex.Message);
    }

    [Fact]
    public void Months_and_days_are_those_of_the_city_time_zone()
    {
        var city = DemoCity.City;
        var at = new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero); // 01:00 on 1 November in Zhengzhou
        Assert.Equal("2026-11", city.MonthOf(at));
        Assert.Equal("2026-11-01", city.DayOf(at));
        Assert.Equal(new TimeOnly(1, 0), city.LocalTimeOf(at));
        Assert.Equal("2026-10", city.MonthOf(at.AddMinutes(-61))); // 23:59 on 31 October
    }
}
