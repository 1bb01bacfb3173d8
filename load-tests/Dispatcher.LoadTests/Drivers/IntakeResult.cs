namespace Dispatcher.LoadTests.Drivers;

/// <param name="AnsweredAtFirstContact">Closed by the call-taker with a knowledge entry (never dispatched).</param>
public sealed record IntakeResult(string CaseId, string? DepartmentId, bool AnsweredAtFirstContact = false);
