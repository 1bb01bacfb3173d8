using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Tests;

/// <summary>The shipped demo city (zhengzhou.json, copied to the test output) and intake builders.</summary>
internal static class DemoCity
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "city", "zhengzhou.json");

    private static readonly Lazy<CityDirectory> Loaded = new(() => CityDirectory.Load(FilePath));

    public static CityDirectory City => Loaded.Value;

    public static CaseIntake Intake(
        string category = "construction-noise",
        string district = "erqi",
        Dictionary<string, string>? attributes = null,
        string description = "Pile driver working after 22:00 next to a residential block.",
        string? phone = "13800138000") =>
        new("hotline", category, district, "Some road 1", description, attributes ?? [], new CitizenContact("Li", phone), CasePriority.Normal);

    /// <summary>An instant given as local (UTC+8) wall-clock time in the city.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}
