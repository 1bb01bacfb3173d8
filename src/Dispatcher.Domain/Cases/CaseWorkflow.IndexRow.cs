using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Reports;

namespace Dispatcher.Domain.Cases;

public sealed partial class CaseWorkflow
{
    /// <summary>
    /// The case's row in the case index, with its next wake time (ADR-012), as of grain-state version
    /// <paramref name="storageVersion"/>. One rule for both writers: the grain (memory mode) and the
    /// PostgreSQL case storage, which writes it with the state (ADR-029). Null while the case does not exist.
    /// </summary>
    public CaseIndexRow? IndexRow(CaseState state, int storageVersion)
    {
        if (!state.Exists) return null;
        var fakeClosure = FakeClosureRule.Find(state.History);
        return new(state.Id, state.Intake!.Category, state.Intake.District, state.DepartmentId, state.Status,
            state.Intake.Priority, state.Intake.Channel, state.CreatedAt, state.UpdatedAt, state.NextDeadline, state.Returns, state.Reopens,
            state.LastSequence, state.Overdue, state.Escalated, storageVersion,
            Deadlines?.NextWake(state), fakeClosure.ResolvedWithoutReply, fakeClosure.SatisfiedWithoutAcknowledge, state.ClaimedBy,
            state.CoParts.Count == 0 ? [] : state.CoParts.ConvertAll(p => p.DepartmentId));
    }
}
