using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases.Outbox;

namespace Dispatcher.Domain.Cases;

/// <summary>What a transition produced: its history entry and the notices it implies.</summary>
public sealed record CaseOutcome(HistoryEntry Entry, IReadOnlyList<PendingNotice> Notices, bool Repeated = false);
