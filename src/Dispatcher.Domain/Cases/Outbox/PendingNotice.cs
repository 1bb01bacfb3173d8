using System.Runtime.Serialization;
using Dispatcher.Abstractions.Departments;

namespace Dispatcher.Domain.Cases.Outbox;

/// <summary>A notice waiting in the case's outbox for its <see cref="Target"/>.</summary>
/// <param name="StoredTarget">The target in its stored form (see <see cref="NoticeTarget"/>); use <see cref="Target"/>.</param>
[GenerateSerializer, Immutable, Alias("dispatcher.pending-notice")]
public sealed record PendingNotice([Id(0)] string StoredTarget, [Id(1)] DepartmentNotice Notice)
{
    // A factory rather than a second constructor: JSON grain storage (the test clusters' memory
    // provider) needs exactly one constructor to rebuild a stored case.
    public static PendingNotice For(NoticeTarget target, DepartmentNotice notice) => new(target.Stored, notice);

    // Derived, never stored: JSON grain storage (the test clusters' memory provider) would otherwise
    // try to rebuild it, and it has no public constructor.
    [IgnoreDataMember]
    public NoticeTarget Target => NoticeTarget.FromStored(StoredTarget);
}
