using Dispatcher.Storage.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dispatcher.Storage.Memory;

public static class MemoryStorageServices
{
    /// <summary>The embedded mode's case index and department journal, unless another storage registered its own first.</summary>
    public static IServiceCollection TryAddMemoryStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<ICaseIndex, MemoryCaseIndex>();
        services.TryAddSingleton<IDepartmentJournalStore, MemoryDepartmentJournalStore>();
        services.TryAddSingleton(new CaseIndexWriting(WithState: false));
        return services;
    }
}
