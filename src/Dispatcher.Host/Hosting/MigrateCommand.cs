using Dispatcher.Storage.Postgres;

namespace Dispatcher.Host.Hosting;

/// <summary><c>dotnet run --project src/Dispatcher.Host -- migrate</c>: creates or updates the PostgreSQL schema (rows from before the service scope go to Dispatcher:Cluster:ServiceId, else see deploy/sql/020).</summary>
public static class MigrateCommand
{
    public static async Task<int> Run(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration.GetConnectionString("Dispatcher");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("migrate needs ConnectionStrings:Dispatcher, e.g. --ConnectionStrings:Dispatcher=\"Host=127.0.0.1;Port=5432;Database=dispatcher;Username=dispatcher;Password=...\" (or the environment variable ConnectionStrings__Dispatcher).");
            return 2;
        }
        try
        {
            // Case rows from before the service scope (deploy/sql/020) go to this host's service.
            await SchemaMigrator.Migrate(connectionString, Console.Out, serviceId: configuration["Dispatcher:Cluster:ServiceId"]);
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"migrate failed: {ex.Message}");
            return 1;
        }
    }
}
