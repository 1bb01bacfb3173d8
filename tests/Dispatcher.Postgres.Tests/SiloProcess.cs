using Dispatcher.Tests.Shared;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// A real Dispatcher.Host process in Postgres mode on loopback ports: started from the host's own
/// build output, killed abruptly (SIGKILL) or stopped gracefully (SIGTERM), always by its PID.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string Secret = "postgres-tests-tracking-secret";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    public int HttpPort { get; }
    public int SiloPort { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");
    public string Output { get { lock (_output) return _output.ToString(); } }

    private SiloProcess(Process process, int httpPort, int siloPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
    }

    public static async Task<SiloProcess> Start(string connectionString, string clusterId, int? httpPort = null, int? siloPort = null, int? gatewayPort = null,
        IEnumerable<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var http = httpPort ?? FreePorts.Next();
        var silo = siloPort ?? FreePorts.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = HostFolder,
        };
        foreach (var arg in new[]
        {
            Path.Combine(HostFolder, "Dispatcher.Host.dll"),
            $"--urls=http://127.0.0.1:{http}",
            "--Dispatcher:Storage=Postgres",
            "--Dispatcher:AllowDemoKeys=true", // the tests use the city file's demo keys
            $"--ConnectionStrings:Dispatcher={connectionString}",
            $"--Dispatcher:TrackingSecret={Secret}",
            $"--Dispatcher:Cluster:ClusterId={clusterId}",
            $"--Dispatcher:Cluster:SiloPort={silo}",
            $"--Dispatcher:Cluster:GatewayPort={gatewayPort ?? FreePorts.Next()}",
            // Failure detection: the shipped values in appsettings.json (ADR-021), as in production.
            "--Dispatcher:Workflow:RoutingRefreshInterval=00:00:00",
            "--Dispatcher:Reconcile:Interval=00:00:02",
            // The fault tests keep a few categories × districts busy: no surge (ADR-028), so every report stays a case of its own.
            "--Dispatcher:Surge:Detect=false",
            "--Logging:LogLevel:Default=Warning",
        }.Concat(extraArgs ?? [])) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo1 = new SiloProcess(process, http, silo);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (silo1._output) silo1._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (silo1._output) silo1._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await silo1.WaitReady(TimeSpan.FromSeconds(60));
        return silo1;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async Task WaitReady(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // lets the redirected output drain before we quote it
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The silo on {BaseAddress} was not ready in {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster — a crashed machine.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM: the host shuts the silo down gracefully.</summary>
    public async Task Stop()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill!.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { Kill(); }
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _process.Dispose();
    }

    /// <summary>The host's own build output (same configuration as this test assembly).</summary>
    public static string HostFolder
    {
        get
        {
            var here = AppContext.BaseDirectory;
            var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(RepoRoot, "src", "Dispatcher.Host", "bin", configuration, "net10.0");
        }
    }

    /// <summary>The repository: the folder above this test assembly that holds Dispatcher.sln.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dispatcher.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Dispatcher.sln not found above " + AppContext.BaseDirectory);
        }
    }

}
