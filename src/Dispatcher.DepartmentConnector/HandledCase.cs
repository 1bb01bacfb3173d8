namespace Dispatcher.DepartmentConnector;

/// <summary>How the connector learned of a case: live from the stream, or from the inbox.</summary>
public enum HandledVia { Stream, Reconciliation }

/// <summary>One case handled for one assignment (the history sequence that put it in the department's hands).</summary>
public sealed record HandledCase(string CaseId, long Assignment, string Outcome, HandledVia Via);
