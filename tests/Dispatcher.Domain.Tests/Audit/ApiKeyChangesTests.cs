using Dispatcher.Abstractions.Audit;
using Dispatcher.Domain.Audit;

namespace Dispatcher.Domain.Tests.Audit;

public sealed class ApiKeyChangesTests
{
    private static SortedDictionary<string, string> Set(params ApiKeyAccount[] keys) => ApiKeyChanges.Normalize(keys);

    [Fact]
    public void The_first_recording_lists_every_key_as_added_with_its_role()
    {
        var summary = ApiKeyChanges.Describe(null, Set(new("ops", "admin"), new("water", "department", "city-water")));

        Assert.Equal("API keys: added ops (admin), water (department@city-water)", summary);
    }

    [Fact]
    public void Added_removed_and_changed_roles_are_named_by_key_name()
    {
        var before = Set(new("ops", "admin"), new("li", "agent"), new("web", "channel"));
        var after = Set(new("ops", "admin"), new("li", "supervisor"), new("wang", "agent"));

        Assert.Equal("API keys: added wang (agent); removed web; role changed li (agent → supervisor)", ApiKeyChanges.Describe(before, after));
    }

    [Fact]
    public void The_same_set_in_another_order_or_with_a_second_key_of_the_same_name_and_role_is_no_change()
    {
        var before = Set(new("ops", "admin"), new("water", "department", "city-water"));
        var after = Set(new("water", "department", "city-water"), new("ops", "admin"), new("ops", "admin"));

        Assert.Null(ApiKeyChanges.Describe(before, after));
    }

    [Fact]
    public void A_department_moved_to_another_department_is_a_role_change()
    {
        Assert.Equal("API keys: role changed d (department@city-water → department@city-roads)",
            ApiKeyChanges.Describe(Set(new ApiKeyAccount("d", "department", "city-water")), Set(new ApiKeyAccount("d", "department", "city-roads"))));
    }
}
