using System.Globalization;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.Host.Open311;

/// <summary>
/// The list arguments of <c>GET requests</c> and <c>servicerequestupdates</c>. Dates: start_date and
/// end_date at most 90 days apart; without them the last 90 days (ending at end_date or now). Paging:
/// page from 1, page_size at most 500; with neither, the first 1,000 requests (the spec's default).
/// </summary>
public sealed record Open311Query(IReadOnlyList<string>? Ids, CaseQuery Index, DateTimeOffset Start, DateTimeOffset End, bool Extensions)
{
    public const int MaxPageSize = 500;
    public const int DefaultCount = 1000;
    public const int MaxIds = 500;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public static Open311Query Parse(IQueryCollection query, CityDirectory city, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(city);
        string? Text(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();
        string[]? List(string name) => Text(name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        Open311Jurisdiction.Check(Text(Open311Jurisdiction.Argument), city);
        var ids = List("service_request_id");
        if (ids?.Length > MaxIds) throw Open311Exception.BadArgument("service_request_id", $"At most {MaxIds} ids.");

        var codes = List("service_code");
        if (codes?.FirstOrDefault(c => city.FindCategory(c) is null) is { } unknown)
            throw Open311Exception.BadArgument("service_code", $"Unknown service_code '{Open311Texts.Echo(unknown)}'.");

        var statuses = List("status");
        if (statuses?.FirstOrDefault(s => s is not (Open311Statuses.Open or Open311Statuses.Closed)) is { } wrong)
            throw Open311Exception.BadArgument("status", $"Unknown status '{Open311Texts.Echo(wrong)}': use open, closed or both (open,closed).");
        var open = statuses is null || statuses.Contains(Open311Statuses.Open);
        var closed = statuses is null || statuses.Contains(Open311Statuses.Closed);

        var start = Open311Dates.Parse("start_date", Text("start_date"), city);
        // Without end_date: 90 days after start_date, but not past now (nor before a start_date in the future).
        var end = Open311Dates.Parse("end_date", Text("end_date"), city) ?? (start is { } s ? Min(s + MaxSpan, s > now ? s : now) : now);
        start ??= end - MaxSpan;
        if (end < start) throw Open311Exception.BadArgument("end_date", "Must not be before start_date.");
        if (end - start > MaxSpan) throw Open311Exception.BadArgument("end_date", "start_date and end_date may be at most 90 days apart.");

        var page = Number(Text("page"), "page", 1, 100_000);
        var pageSize = Number(Text("page_size"), "page_size", 1, MaxPageSize);
        var extensions = ExtensionsOf(query);

        var index = new CaseQuery(From: start, To: end.AddTicks(1), Page: page ?? 1,
            PageSize: pageSize ?? (page is null ? DefaultCount : MaxPageSize),
            Categories: codes?.ToHashSet(StringComparer.Ordinal), Statuses: Open311Statuses.Matching(open, closed));
        return new Open311Query(ids?.Distinct(StringComparer.Ordinal).ToArray(), index, start.Value, end, extensions);
    }

    /// <summary>extensions=true: the extended attributes (extended status, channel, duplicate, notes) as Chicago and Boston serve them.</summary>
    public static bool ExtensionsOf(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var flag = query["extensions"].ToString().Trim();
        if (flag.Length == 0) return false;
        return bool.TryParse(flag, out var on) ? on : throw Open311Exception.BadArgument("extensions", "Use true or false.");
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static int? Number(string? text, string name, int min, int max)
    {
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Open311Exception.BadArgument(name, $"Use a whole number from {min} to {max}.");
    }
}
