using System.Net;
using Dispatcher.Abstractions.Cases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTests.Peer;

/// <summary>The body of the peer's <c>POST /cases</c>: the same intake the dispatcher takes, and the knowledge entry of a first-contact answer.</summary>
public sealed record PeerRequest(CaseIntake Intake, string? AnswerEntryId);

/// <summary>
/// The peer as the service a team would deploy: ASP.NET Core minimal API on a loopback port, in this
/// process (Kestrel, no logging), answering 201 with the receipt or 400 for unknown input.
/// </summary>
public sealed class PeerService : IAsyncDisposable
{
    private readonly WebApplication _app;
    public string BaseUrl { get; }

    private PeerService(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<PeerService> Start(PeerIntake intake, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/cases", async (PeerRequest request, CancellationToken ct) =>
            request.Intake is { } i && await intake.Take(i, request.AnswerEntryId, ct) is { } receipt
                ? Results.Created($"/cases/{receipt.Id}", receipt)
                : Results.ValidationProblem(new Dictionary<string, string[]> { ["intake"] = ["Unknown category or district."] }));
        await app.StartAsync();
        return new PeerService(app, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
