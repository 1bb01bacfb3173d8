using System.Diagnostics;
using Npgsql;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// A PostgreSQL server of the test's own (deploy/pg-up.sh), so it can be stopped and started
/// again without disturbing other tests.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    public string DataDir { get; }
    public int Port { get; }
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5";

    private OwnPostgres(string dataDir, int port)
    {
        DataDir = dataDir;
        Port = port;
    }

    public static async Task<OwnPostgres> Start()
    {
        var output = await Run(Path.Combine(RepoRoot, "deploy", "pg-up.sh"));
        string Value(string name) => output.Split('\n').Select(l => l.Trim())
            .First(l => l.StartsWith($"export {name}=", StringComparison.Ordinal))[$"export {name}=".Length..].Trim('"', '\'');
        return new OwnPostgres(Value("DISPATCHER_PG_DATA"), int.Parse(Value("DISPATCHER_PG_PORT")));
    }

    /// <summary>pg_ctl stop -m fast: sessions are cut, as in a database restart.</summary>
    public Task Stop() => PgCtl($"-D {DataDir} -m fast -w stop");

    public Task Restart() => PgCtl($"-D {DataDir} -l {DataDir}/restart.log -o \"-p {Port} -k {DataDir} -c listen_addresses=127.0.0.1\" -w start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Run(Path.Combine(RepoRoot, "deploy", "pg-down.sh"), DataDir);
    }

    private static Task PgCtl(string arguments)
    {
        var pgCtl = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
            .Select(d => Path.Combine(d, "bin", "pg_ctl")).First(File.Exists);
        var command = $"{pgCtl} {arguments}";
        return Environment.UserName == "root"
            ? Run("su", "postgres", "-s", "/bin/bash", "-c", command)
            : Run("/bin/bash", "-c", command);
    }

    private static async Task<string> Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }

    private static string RepoRoot => SiloProcess.RepoRoot;
}
