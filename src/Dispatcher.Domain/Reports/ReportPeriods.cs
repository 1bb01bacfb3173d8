using System.Globalization;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Domain.Reports;

/// <summary>The periods reports cover — a month, a quarter, a year — in the city's local time.</summary>
public static class ReportPeriods
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>The first moment of <paramref name="month"/> (YYYY-MM) in the city's time.</summary>
    public static DateTimeOffset MonthStart(string month, TimeSpan utcOffset)
    {
        // Reports cover the years the city can have data for; 9999-12 or 0001-01 would overflow the
        // period's end or the time-zone shift.
        if (!DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || start.Year is < FirstYear or > LastYear)
            throw ValidationException.For("month", $"Use YYYY-MM, a month of {FirstYear}–{LastYear}.");
        return new DateTimeOffset(start, utcOffset);
    }

    /// <summary>The quarter (YYYY-Qn) that <paramref name="now"/> falls in, in the city's time.</summary>
    public static string QuarterOf(DateTimeOffset now, TimeSpan utcOffset)
    {
        var local = now.ToOffset(utcOffset);
        return $"{local.Year}-Q{(local.Month - 1) / 3 + 1}";
    }

    /// <summary>The first moment of <paramref name="quarter"/> (YYYY-Qn) in the city's time; it lasts three months.</summary>
    public static DateTimeOffset QuarterStart(string quarter, TimeSpan utcOffset)
    {
        var parts = quarter.Split("-Q");
        if (parts.Length != 2 || !int.TryParse(parts[0], out var year) || !int.TryParse(parts[1], out var q) || q is < 1 or > 4 || year is < FirstYear or > LastYear)
            throw ValidationException.For("quarter", "Use YYYY-Qn, e.g. 2026-Q4.");
        return new DateTimeOffset(year, (q - 1) * 3 + 1, 1, 0, 0, 0, utcOffset);
    }

    /// <summary>The year asked for, or the one <paramref name="now"/> falls in.</summary>
    public static int Year(int? year, DateTimeOffset now, TimeSpan utcOffset)
    {
        var y = year ?? now.ToOffset(utcOffset).Year;
        if (y is < FirstYear or > LastYear) throw ValidationException.For("year", $"Use a year of {FirstYear}–{LastYear}.");
        return y;
    }

    /// <summary>The twelve months of <paramref name="year"/> as YYYY-MM.</summary>
    public static string[] MonthsOf(int year) => Enumerable.Range(1, 12).Select(m => $"{year:D4}-{m:D2}").ToArray();
}
