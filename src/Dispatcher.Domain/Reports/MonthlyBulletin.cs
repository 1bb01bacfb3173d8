namespace Dispatcher.Domain.Reports;

/// <summary>The monthly bulletin (R8): every department ranked, the best praised and the worst criticised.</summary>
public sealed record MonthlyBulletin(string Month, DateTimeOffset GeneratedAt, string ScoreFormula,
    IReadOnlyList<BulletinLine> Lines, IReadOnlyList<string> Praised, IReadOnlyList<string> Criticised, long FirstContactClosed = 0);
