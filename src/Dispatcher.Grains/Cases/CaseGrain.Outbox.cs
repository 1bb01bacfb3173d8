using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases.Outbox;

namespace Dispatcher.Grains.Cases;

/// <summary>Delivering the outbox (ADR-001) and keeping the case index row current, with the next wake time (ADR-012).</summary>
public sealed partial class CaseGrain
{
    /// <summary>
    /// The transition is stored, so the command has succeeded even if a receiver is unreachable
    /// right now: the outbox keeps the notices and a timer retries until they are delivered.
    /// </summary>
    private async Task TryDeliverOutbox()
    {
        try
        {
            await DeliverOutbox();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception ex)
        {
            logger.OutboxDeliveryFailed(ex, Case.Id, Case.Outbox.Count);
            _retry ??= this.RegisterGrainTimer(_ => TryDeliverOutbox(),
                new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(2), Period = TimeSpan.FromSeconds(5), KeepAlive = true });
        }
    }

    /// <summary>Delivers pending notices in order; each receiver ignores what it has already applied.</summary>
    private async Task DeliverOutbox()
    {
        while (Case.Outbox.Count > 0)
        {
            var pending = Case.Outbox[0];
            var notice = pending.Notice;
            var target = pending.Target;
            switch (target.Kind)
            {
                case NoticeTargetKind.Triage:
                case NoticeTargetKind.Discipline:
                    // Written by releases before ADR-039 and ADR-040: the case index is the triage queue
                    // and the discipline inspection list now.
                    break;
                case NoticeTargetKind.PartnerLine:
                    await this.GetStreamProvider(DispatcherNames.StreamProvider)
                        .GetStream<PartnerEvent>(StreamId.Create(DispatcherNames.PartnerStreamNamespace, target.Id))
                        .OnNextAsync(new PartnerEvent(target.Id, Case.Id, Case.Intake!.Category, Case.Intake.District, Case.Intake.Description, notice.At));
                    break;
                case NoticeTargetKind.Precedent:
                    await grains.Get<IRoutingTableGrain>(DispatcherNames.SingletonKey).RecordPrecedent(PrecedentOf(notice));
                    break;
                case NoticeTargetKind.Citizen:
                    await citizen.Hand(GrainFactory, Case, pending);
                    break;
                default:
                    await grains.Get<IDepartmentGrain>(target.Id).Apply(notice);
                    break;
            }
            Case.Outbox.RemoveAt(0);
        }
        if (_indexDirty)
        {
            await index.Upsert(ToIndexRow());
            _indexDirty = false;
        }
    }

    /// <summary>The ruling of the history entry the notice is for, as the routing table records it.</summary>
    private PrecedentRequest PrecedentOf(DepartmentNotice notice)
    {
        var ruling = Case.History.Single(h => h.Sequence == notice.Sequence);
        var intake = Case.Intake!;
        return new PrecedentRequest(intake.Category, intake.District, intake.Attributes, workflow.City.LocalTimeOf(Case.CreatedAt), ruling.DepartmentId!,
            new RulingPrecedent(Case.Id, notice.Note ?? "", ruling.Actor.ToString(), ruling.At));
    }

    private CaseIndexRow ToIndexRow() => workflow.IndexRow(Case, int.TryParse(state.Etag, out var version) ? version : 0)!;

    private CaseReceipt Receipt(bool created) => new(Case.Id, Case.Status, Case.DepartmentId, Case.RuleId, created, Case.CreatedAt, Case.MergedInto);
}
