using System.Collections.Concurrent;
using Orleans.GrainReferences;
using Orleans.Metadata;

namespace Dispatcher.Grains.Shared;

/// <summary>
/// Grain references for the hot paths. Orleans 10's <see cref="IGrainFactory"/> works out a grain
/// interface's type name on every <c>GetGrain</c> call (custom-attribute reflection and a type-name
/// format); an intake makes about ten such calls, which profiled at 6–8 % of the silo's CPU. The
/// interface's type name never changes, so it is resolved once per interface here; the grain type
/// behind it is still asked of Orleans' resolver each time, as <c>GetGrain</c> does (a dictionary read).
/// </summary>
public sealed class GrainReferences(
    GrainInterfaceTypeResolver interfaces,
    GrainInterfaceTypeToGrainTypeResolver implementations,
    GrainReferenceActivator activator)
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _interfaceTypes = new();
    private readonly ConcurrentDictionary<(Type Interface, long Key), object> _integerKeyed = new();

    public T Get<T>(string key) where T : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Create<T>(IdSpan.Create(key));
    }

    /// <summary>
    /// Integer-keyed grains here are singletons and deadline buckets (a bounded set), so their
    /// references are kept: a proxy builds copiers for its methods' mutable arguments when created.
    /// </summary>
    public T Get<T>(long key) where T : IGrainWithIntegerKey =>
        (T)_integerKeyed.GetOrAdd((typeof(T), key), k => Create<T>(GrainIdKeyExtensions.CreateIntegerKey(k.Key))!);

    private T Create<T>(IdSpan key)
    {
        var interfaceType = _interfaceTypes.GetOrAdd(typeof(T), interfaces.GetGrainInterfaceType);
        var id = GrainId.Create(implementations.GetGrainType(interfaceType), key);
        return (T)(object)activator.CreateReference(id, interfaceType);
    }
}
