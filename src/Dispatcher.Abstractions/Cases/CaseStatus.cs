namespace Dispatcher.Cases;

/// <summary>Lifecycle states of a case (R4).</summary>
[GenerateSerializer, Alias("dispatcher.case-status")]
public enum CaseStatus
{
    Received,
    Triage,
    Dispatched,
    Acknowledged,
    InProgress,
    Replied,
    Resolved,
    Closed,
    Returned,
    Arbitration,
    Reopened,
}

/// <summary>Everything that can happen to a case; each becomes one history entry.</summary>
[GenerateSerializer, Alias("dispatcher.case-action")]
public enum CaseAction
{
    Submit,
    Route,
    Triage,
    Dispatch,
    Acknowledge,
    Start,
    Reply,
    Resolve,
    Return,
    Arbitrate,
    Close,
    Reopen,
}

[GenerateSerializer, Alias("dispatcher.priority")]
public enum CasePriority { Normal, High, Urgent }
