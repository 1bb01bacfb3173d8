namespace Dispatcher.LoadTests.Reporting;

public static class Statistics
{
    /// <summary>The median of the values that are numbers (NaN when there are none).</summary>
    public static double Median(this IEnumerable<double> values)
    {
        var s = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
        return s.Count == 0 ? double.NaN : s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
