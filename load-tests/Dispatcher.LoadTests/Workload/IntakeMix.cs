using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;

namespace Dispatcher.LoadTests.Workload;

/// <summary>
/// A realistic intake mix: Zipf-skewed categories and districts (a few hot ones), mostly normal
/// priority, half of it consultations — answered and closed at first contact when the knowledge base
/// has an entry for the category (R2), otherwise taken as a case like any other.
/// </summary>
public sealed class IntakeMix
{
    private readonly string[] _categories, _districts;
    private readonly double[] _catCdf, _distCdf;
    private readonly double _consultationShare;
    private readonly Dictionary<string, string> _answers;
    private static readonly string[] Descriptions =
    [
        "Construction site works past 22:00 with heavy machinery, residents cannot sleep.",
        "Street light out on the corner for a week, the crossing is dark at night.",
        "Garbage not collected for three days, bins overflowing next to the school gate.",
        "Pothole in the right lane, cars swerve into the bus lane to avoid it.",
        "No water since this morning in the whole building, no notice was posted.",
        "Question: which office issues the residence certificate and what documents are needed?",
        "Employer has not paid wages for two months, twelve workers affected.",
        "Bus route 906 skipped our stop three times this week.",
    ];

    public IntakeMix(CityDirectory city, double consultationShare, double skew = 1.1)
    {
        _consultationShare = consultationShare;
        _answers = city.Knowledge.GroupBy(k => k.Category).ToDictionary(g => g.Key, g => g.First().Id);
        // Deterministic "hot" order: the file order is fine (noise, garbage, roads first).
        _categories = city.Categories.Select(c => c.Id).ToArray();
        _districts = city.Districts.Select(d => d.Id).ToArray();
        _catCdf = Cdf(_categories.Length, skew);
        _distCdf = Cdf(_districts.Length, skew);
    }

    private static double[] Cdf(int n, double s)
    {
        var w = Enumerable.Range(1, n).Select(k => 1 / Math.Pow(k, s)).ToArray();
        var sum = w.Sum();
        var acc = 0.0;
        return w.Select(x => acc += x / sum).ToArray();
    }

    private static int Pick(double[] cdf)
    {
        var u = Random.Shared.NextDouble();
        var i = Array.BinarySearch(cdf, u);
        return Math.Min(cdf.Length - 1, i < 0 ? ~i : i);
    }

    /// <returns>The intake, whether it is a consultation, and the knowledge entry that answers it at first contact (if any).</returns>
    public (CaseIntake Intake, bool Consultation, string? Answer) Next()
    {
        var consultation = Random.Shared.NextDouble() < _consultationShare;
        var u = Random.Shared.NextDouble();
        var priority = u < 0.03 ? CasePriority.Urgent : u < 0.15 ? CasePriority.High : CasePriority.Normal;
        var intake = new CaseIntake(
            Channel: Random.Shared.NextDouble() < 0.7 ? "hotline" : "web",
            Category: _categories[Pick(_catCdf)],
            District: _districts[Pick(_distCdf)],
            Address: $"No. {Random.Shared.Next(1, 400)} Jinshui Road, block {Random.Shared.Next(1, 30)}",
            Description: Descriptions[Random.Shared.Next(Descriptions.Length)],
            Attributes: new Dictionary<string, string> { ["contactType"] = consultation ? "consultation" : "complaint" },
            Citizen: new CitizenContact("Citizen " + Random.Shared.Next(1000, 9999), "1380013" + Random.Shared.Next(1000, 9999).ToString("0000")),
            Priority: priority);
        return (intake, consultation, consultation ? _answers.GetValueOrDefault(intake.Category) : null);
    }
}
