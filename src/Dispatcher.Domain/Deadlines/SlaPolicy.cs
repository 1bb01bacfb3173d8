using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Deadlines;

/// <summary>A duration in calendar time or in working days (then computed with the working calendar).</summary>
public sealed record SlaSpan(TimeSpan? Time = null, int? WorkingDays = null)
{
    public DateTimeOffset From(DateTimeOffset start, WorkingCalendar calendar) =>
        WorkingDays is { } days ? calendar.AddWorkingDays(start, days) : start + (Time ?? TimeSpan.Zero);

    public override string ToString() => WorkingDays is { } d ? $"{d} working days" : $"{Time}";
}

/// <summary>The deadlines of one service class (urgent, utilities, general, complex).</summary>
public sealed record SlaClass(SlaSpan Acknowledge, SlaSpan Reply, SlaSpan Resolve);

/// <summary>
/// SLA policy as data (R5): per service class of the category, with urgent priority taking the
/// urgent class. Defaults from product.md: acknowledge 10 minutes after dispatch; reply 2 h urgent,
/// 24 h utilities, 7 days general, 15 days complex; returns within 2 working days; supervision of
/// a breach lasts 2 working days before it is referred to discipline inspection.
/// </summary>
public sealed class SlaPolicy
{
    public Dictionary<string, SlaClass> Classes { get; init; } = new()
    {
        ["urgent"] = new(new(TimeSpan.FromMinutes(10)), new(TimeSpan.FromHours(2)), new(TimeSpan.FromDays(1))),
        ["utilities"] = new(new(TimeSpan.FromMinutes(10)), new(TimeSpan.FromHours(24)), new(TimeSpan.FromDays(3))),
        ["general"] = new(new(TimeSpan.FromMinutes(10)), new(TimeSpan.FromDays(7)), new(TimeSpan.FromDays(15))),
        ["complex"] = new(new(TimeSpan.FromMinutes(10)), new(TimeSpan.FromDays(15)), new(TimeSpan.FromDays(30))),
    };

    public SlaSpan ReturnWindow { get; init; } = new(WorkingDays: 2);
    public SlaSpan Supervision { get; init; } = new(WorkingDays: 2);

    /// <summary>Warning points as fractions of each deadline; 1.0 is the breach.</summary>
    public double[] WarningPoints { get; init; } = [0.5, 0.75, 0.9];

    public SlaClass For(string serviceClass, CasePriority priority) =>
        priority == CasePriority.Urgent ? Classes["urgent"] : Classes.GetValueOrDefault(serviceClass) ?? Classes["general"];
}
