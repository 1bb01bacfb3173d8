using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Routing;

namespace Dispatcher.Domain.City;

/// <summary>A point in WGS84 degrees.</summary>
public sealed record GeoPoint(double Lat, double Long);

/// <summary>
/// A district of the city. <see cref="Centre"/> and <see cref="RadiusKm"/> (both or neither) place it
/// on the map: a location belongs to the district with the nearest centre, if it lies within that
/// district's radius (<see cref="DistrictLocator"/>).
/// </summary>
public sealed record District(string Id, string Name, string Kind, GeoPoint? Centre = null, double? RadiusKm = null);

public sealed record Department(string Id, string Name, string? District = null);

/// <summary>
/// A case category; <see cref="ServiceClass"/> picks the SLA family (general, utilities, urgent, complex).
/// <see cref="Attributes"/> are the routing attributes a reporter may give (Open311 service definitions).
/// An <see cref="Emergency"/> (gas leak, fire, a person in danger) is handed to its emergency partner
/// line (110 / 119 / 120) at intake, ahead of all other work.
/// </summary>
public sealed record Category(string Id, string Name, string ServiceClass = "general", string? Group = null, string[]? Keywords = null,
    CategoryAttribute[]? Attributes = null, bool Emergency = false);

/// <summary>A routing attribute of a category (e.g. siteManagedBy) with the values a reporter picks from.</summary>
public sealed record CategoryAttribute(string Code, string Description, bool Required = false, AttributeChoice[]? Values = null);

/// <summary>One value of a category attribute: the key routing rules match, and its name for people.</summary>
public sealed record AttributeChoice(string Key, string Name);

/// <summary>An API key as stored: only its SHA-256 hash, never the key itself.</summary>
/// <summary>Public holidays and make-up working days (调休) of the city's calendar.</summary>
public sealed record CalendarData(DateOnly[]? Holidays = null, DateOnly[]? MakeUpWorkdays = null);

public sealed record ApiKeyEntry(string Name, string Role, string Sha256, string? DepartmentId = null, string? Description = null);

/// <summary>The city's reference data, loaded from a data file at start (the demo city is Zhengzhou).</summary>
public sealed class CityDirectory
{
    public required string Name { get; init; }
    /// <summary>Short prefix of tracking numbers, e.g. "ZZ".</summary>
    public required string Code { get; init; }
    /// <summary>The city's fixed offset from UTC (China has no daylight saving); months and time windows use it.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(8);
    public required IReadOnlyList<District> Districts { get; init; }
    public required IReadOnlyList<Department> Departments { get; init; }
    public required IReadOnlyList<Category> Categories { get; init; }
    public required IReadOnlyList<RoutingRule> Rules { get; init; }
    public IReadOnlyList<ApiKeyEntry> ApiKeys { get; init; } = [];
    /// <summary>What citizens are sent about their cases (R6), per language.</summary>
    public Notifications.CitizenMessageTexts CitizenMessages { get; init; } = Notifications.CitizenMessageTexts.None;
    /// <summary>The demo staff accounts of the console (ADR-024); production accounts come from configuration.</summary>
    public IReadOnlyList<StaffAccount> Staff { get; init; } = [];
    public CalendarData Calendar { get; init; } = new();
    /// <summary>The knowledge base's initial entries (first-contact answers, R2).</summary>
    public IReadOnlyList<Dispatcher.Abstractions.Knowledge.KnowledgeEntry> Knowledge { get; init; } = [];
    /// <summary>The hotlines of the city (R9): 12345, integrated, partner and temporary lines.</summary>
    public IReadOnlyList<Dispatcher.Abstractions.Hotlines.HotlineLine> Hotlines { get; init; } = [];

    /// <summary>The partner line that owns a category or district, unless the case came in from that line.</summary>
    public Dispatcher.Abstractions.Hotlines.HotlineLine? PartnerFor(string category, string district, string? originLine) =>
        Hotlines.FirstOrDefault(l => l.Kind == global::Dispatcher.Abstractions.Hotlines.LineKind.Partner && l.Id != originLine &&
            ((l.Categories?.Contains(category) ?? false) || (l.Districts?.Contains(district) ?? false)));

    public Dispatcher.Domain.Deadlines.WorkingCalendar WorkingCalendar() =>
        new(Calendar.Holidays ?? [], Calendar.MakeUpWorkdays ?? [], UtcOffset);

    private Dictionary<string, District>? _districts;
    private Dictionary<string, Department>? _departments;
    private Dictionary<string, Category>? _categories;

    public District? FindDistrict(string id) => (_districts ??= Districts.ToDictionary(d => d.Id)).GetValueOrDefault(id);
    public Department? FindDepartment(string id) => (_departments ??= Departments.ToDictionary(d => d.Id)).GetValueOrDefault(id);
    public bool IsEmergency(string categoryId) => FindCategory(categoryId)?.Emergency ?? false;

    public Category? FindCategory(string id) => (_categories ??= Categories.ToDictionary(c => c.Id)).GetValueOrDefault(id);

    /// <summary>The calendar month ("YYYY-MM") of an instant in the city's time zone.</summary>
    public string MonthOf(DateTimeOffset at) => at.ToOffset(UtcOffset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The calendar day ("YYYY-MM-DD") of an instant in the city's time zone.</summary>
    public string DayOf(DateTimeOffset at) => at.ToOffset(UtcOffset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public TimeOnly LocalTimeOf(DateTimeOffset at) => TimeOnly.FromDateTime(at.ToOffset(UtcOffset).DateTime);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Parses and checks a city file; every reference (rule → department, etc.) must resolve.</summary>
    public static CityDirectory Parse(string json)
    {
        var directory = JsonSerializer.Deserialize<CityDirectory>(json, JsonOptions)
            ?? throw new InvalidDataException("The city file is empty.");
        var problems = RuleValidator.Validate(directory.Rules, directory).SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")).ToList();
        problems.AddRange(directory.Districts
            .Where(d => (d.Centre is null) != (d.RadiusKm is null) || d.RadiusKm <= 0 || (d.Centre is { } c && !DistrictLocator.IsValid(c)))
            .Select(d => $"districts.{d.Id}: give both centre (valid lat/long) and a positive radiusKm, or neither"));
        problems.AddRange(directory.Categories.SelectMany(c => (c.Attributes ?? [])
            .Where(a => string.IsNullOrWhiteSpace(a.Code) || a.Values is not { Length: > 0 } values
                || values.Any(v => string.IsNullOrWhiteSpace(v.Key)) || values.Select(v => v.Key).Distinct().Count() != values.Length)
            .Select(a => $"categories.{c.Id}.attributes: '{a.Code}' needs a code and values with distinct keys")));
        problems.AddRange(directory.ApiKeys
            .Where(k => k.DepartmentId is not null && directory.FindDepartment(k.DepartmentId) is null)
            .Select(k => $"apiKeys.{k.Name}: unknown department '{k.DepartmentId}'"));
        problems.AddRange(directory.CitizenMessages.Problems());
        problems.AddRange(directory.Categories
            .Where(c => c.Emergency && directory.PartnerFor(c.Id, "", null) is null)
            .Select(c => $"categories.{c.Id}: an emergency needs a partner line (110 / 119 / 120) that takes it"));
        problems.AddRange(directory.Staff
            .Where(s => s.DepartmentId is not null && directory.FindDepartment(s.DepartmentId) is null)
            .Select(s => $"staff.{s.Login}: unknown department '{s.DepartmentId}'"));
        if (problems.Count > 0)
            throw new InvalidDataException("The city file is inconsistent: " + string.Join("; ", problems));
        return directory;
    }

    public static CityDirectory Load(string path) => Parse(File.ReadAllText(path));
}
