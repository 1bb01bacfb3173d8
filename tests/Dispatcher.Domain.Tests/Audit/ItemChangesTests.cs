using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Domain.Audit;

namespace Dispatcher.Domain.Tests.Audit;

public sealed class ItemChangesTests
{
    private static KnowledgeEntry Entry(string id, string answer = "a", params string[] keywords) => new(id, "heating", "t", answer, keywords);

    [Fact]
    public void A_table_edit_names_the_ids_added_changed_and_removed_comparing_contents()
    {
        KnowledgeEntry[] before = [Entry("kb-1", keywords: ["x"]), Entry("kb-2"), Entry("kb-3")];
        KnowledgeEntry[] after = [Entry("kb-1", keywords: ["x"]), Entry("kb-2", "new answer"), Entry("kb-4")];

        Assert.Equal("3 entries (added kb-4; changed kb-2; removed kb-3)", ItemChanges.Describe("entries", before, after, e => e.Id));
        Assert.Equal("3 entries, none changed", ItemChanges.Describe("entries", after, after.ToArray(), e => e.Id));
    }
}
