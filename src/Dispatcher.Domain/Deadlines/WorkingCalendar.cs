namespace Dispatcher.Domain.Deadlines;

/// <summary>
/// Working days of the city: Monday–Friday, minus public holidays, plus make-up working days
/// (调休: a Saturday or Sunday worked in exchange for a longer holiday). Data comes from the city file.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays, TimeSpan utcOffset)
{
    private readonly HashSet<DateOnly> _holidays = [.. holidays];
    private readonly HashSet<DateOnly> _makeUp = [.. makeUpWorkdays];

    public TimeSpan UtcOffset { get; } = utcOffset;

    public bool IsWorkingDay(DateOnly day)
    {
        if (_makeUp.Contains(day)) return true;
        if (_holidays.Contains(day)) return false;
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The instant n working days after <paramref name="start"/>: walk forward over the following
    /// days, counting only working days, and land on the n-th at the start's local time of day.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var local = start.ToOffset(UtcOffset);
        var day = DateOnly.FromDateTime(local.DateTime);
        while (n > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) n--;
        }
        var result = new DateTimeOffset(day.ToDateTime(TimeOnly.FromDateTime(local.DateTime)), UtcOffset);
        return result.ToUniversalTime();
    }

    public static readonly WorkingCalendar WeekendsOnly = new([], [], TimeSpan.FromHours(8));
}
