using Dispatcher.Storage.Memory;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.Storage.Tests;

/// <summary>Who writes a case's index row (ADR-029): the grain in memory mode, unless a storage that writes it with the state registered first.</summary>
public sealed class CaseIndexWritingTests
{
    [Fact]
    public void Memory_mode_leaves_the_index_row_to_the_case_grain()
    {
        var services = new ServiceCollection().TryAddMemoryStorage().BuildServiceProvider();

        Assert.False(services.GetRequiredService<CaseIndexWriting>().WithState);
    }

    [Fact]
    public void A_storage_registered_first_that_writes_the_row_with_the_state_is_kept()
    {
        var services = new ServiceCollection().AddSingleton(new CaseIndexWriting(WithState: true)).TryAddMemoryStorage().BuildServiceProvider();

        Assert.True(services.GetRequiredService<CaseIndexWriting>().WithState);
    }
}
