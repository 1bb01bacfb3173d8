using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Dispatcher.Abstractions.Errors;

/// <summary>
/// Lets the storage driver's exceptions cross silos. Orleans serializes exceptions only from the
/// namespaces it allows (Microsoft, System, Azure); a PostgreSQL error raised in a grain on another
/// silo could then not be sent back (CodecNotFoundException for Npgsql.NpgsqlException), and the
/// caller answered 500 instead of the 503 a database outage deserves. Every silo and client adds it.
/// </summary>
public static class StorageExceptionSerialization
{
    public static IServiceCollection AddStorageExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
}
