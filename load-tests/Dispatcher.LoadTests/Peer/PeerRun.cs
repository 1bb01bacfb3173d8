using System.Net.Http.Json;
using System.Text.Json;
using Dispatcher.Domain.City;
using Dispatcher.LoadTests.Measurement;
using Dispatcher.LoadTests.Suite;
using Dispatcher.LoadTests.Workload;
using Npgsql;
using Dispatcher.Tests.Shared;

namespace Dispatcher.LoadTests.Peer;

/// <summary>
/// Closed-loop runs of one peer variant over one transport: "grain" calls <see cref="PeerIntake"/>
/// in-process (the counterpart of our grain-client figure), "http" posts to <see cref="PeerService"/>
/// on loopback (the counterpart of our HTTP figure). Each run starts from empty peer tables.
/// </summary>
public static class PeerRun
{
    /// <summary>The client counts tried; the best is the peer's figure (issue 15).</summary>
    public static readonly int[] ClientCounts = [16, 32, 64];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<RunResult> Closed(LoadOptions o, CityDirectory city, PeerVariant variant, string transport, int clients,
        TimeSpan warmup, TimeSpan measure, CancellationToken stop)
    {
        await PeerSchema.Reset(o.Pg!, stop);
        // One connection per client, like the insert baseline; statements prepared once per connection.
        var cs = new NpgsqlConnectionStringBuilder(o.Pg) { MaxPoolSize = clients + 4, MaxAutoPrepare = 16, ApplicationName = "peer" }.ConnectionString;
        await using var database = NpgsqlDataSource.Create(cs);
        var intake = new PeerIntake(database, city, variant);
        var mix = new IntakeMix(city, o.ConsultationShare);
        var name = $"peer {variant} {transport} {clients} clients";
        RunResult result;
        if (transport == "http")
        {
            await using var service = await PeerService.Start(intake, FreePorts.Next());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseProxy = false })
            {
                BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromSeconds(30),
            };
            result = await ClosedLoop.Run(name, clients, warmup, measure, o.MaxCount, async (_, ct) =>
            {
                var (c, _, answer) = mix.Next();
                using var response = await http.PostAsJsonAsync("/cases", new PeerRequest(c, answer), Json, ct);
                if ((int)response.StatusCode != 201) throw new HttpRequestException($"POST /cases → {(int)response.StatusCode}", null, response.StatusCode);
                if (await response.Content.ReadFromJsonAsync<PeerReceipt>(Json, ct) is null) throw new InvalidOperationException("the peer answered no receipt");
            }, stop);
        }
        else
        {
            result = await ClosedLoop.Run(name, clients, warmup, measure, o.MaxCount, async (_, ct) =>
            {
                var (c, _, answer) = mix.Next();
                if (await intake.Take(c, answer, ct) is null) throw new InvalidOperationException("the peer refused a generated intake");
            }, stop);
        }
        result.Extra["payloadBytes"] = Math.Round(intake.AveragePayloadBytes);
        return result;
    }
}
