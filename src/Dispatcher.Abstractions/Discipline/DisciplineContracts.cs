namespace Dispatcher.Abstractions.Discipline;

/// <summary>A case referred to discipline inspection (纪检监察): still overdue after supervision.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.referral")]
public sealed record Referral([Id(0)] string CaseId, [Id(1)] string DepartmentId, [Id(2)] DateTimeOffset At, [Id(3)] string Note);

/// <summary>The discipline inspection queue; only escalations land here, so one grain is enough.</summary>
[Alias("dispatcher.IDisciplineQueueGrain")]
public interface IDisciplineQueueGrain : IGrainWithStringKey
{
    /// <summary>Adds a referral; idempotent per case.</summary>
    [Alias("Refer")] Task Refer(Referral referral);
    [Alias("List")] Task<IReadOnlyList<Referral>> List();
}
