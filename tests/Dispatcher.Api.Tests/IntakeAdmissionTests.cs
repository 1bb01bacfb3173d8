using Dispatcher.Tests.Shared;
using System.Net;
using Dispatcher.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Dispatcher.Api.Tests;

/// <summary>
/// Admission control (ADR-010): a silo refuses intakes beyond its in-flight limit at once with 503,
/// Retry-After and problem details, stores nothing for them, and takes the retry.
/// </summary>
public sealed class IntakeAdmissionTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var http = FreePorts.Next();
        _app = DispatcherApp.Build(
        [
            $"--urls=http://127.0.0.1:{http}",
            $"--Dispatcher:Cluster:SiloPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:GatewayPort={FreePorts.Next()}",
            $"--Dispatcher:Cluster:ClusterId=admission-{http}",
            "--Dispatcher:MaxIntakesInFlight=1",
            "--Dispatcher:Surge:Detect=false", // bursts of one pair that test admission, not a surge (ADR-028)
            "--environment=Production",
        ]);
        await _app.StartAsync();
        _base = new Uri($"http://127.0.0.1:{http}");
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Intakes_beyond_the_limit_are_refused_with_503_and_nothing_stored_and_their_retry_is_taken()
    {
        using var channel = new HttpClient { BaseAddress = _base };
        channel.DefaultRequestHeaders.Add("X-Api-Key", DispatcherHostFixture.Channel);
        using var agent = new HttpClient { BaseAddress = _base };
        agent.DefaultRequestHeaders.Add("X-Api-Key", DispatcherHostFixture.AgentKey);

        // With one intake allowed at a time, a burst of concurrent ones must meet a refusal; bursts are
        // repeated (bounded) because which requests overlap is up to the scheduler.
        var accepted = new List<string>();
        var refused = new List<string>();
        for (var round = 0; round < 20 && refused.Count == 0; round++)
        {
            var keys = Enumerable.Range(0, 48).Select(_ => Guid.NewGuid().ToString("N")).ToList();
            var responses = await Task.WhenAll(keys.Select(k => channel.PostJson("/api/cases", Api.Intake("road-damage", "huiji"), k)));
            for (var i = 0; i < keys.Count; i++)
            {
                var response = responses[i];
                if (response.StatusCode == HttpStatusCode.Created) { accepted.Add(keys[i]); continue; }
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                Assert.Equal(2, (await response.Json())["retryAfterSeconds"]!.GetValue<int>());
                refused.Add(keys[i]);
            }
        }
        Assert.NotEmpty(refused);
        Assert.Equal(accepted.Count, await agent.TotalCases()); // nothing was stored for a refused intake

        foreach (var key in refused)
        {
            var retry = await channel.PostJson("/api/cases", Api.Intake("road-damage", "huiji"), key);
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        }
        Assert.Equal(accepted.Count + refused.Count, await agent.TotalCases());
    }

    [Fact]
    public async Task An_emergency_is_never_refused_for_load()
    {
        using var channel = new HttpClient { BaseAddress = _base };
        channel.DefaultRequestHeaders.Add("X-Api-Key", DispatcherHostFixture.Channel);
        // The same bursts that meet refusals above, with a gas leak in each: every gas leak is taken.
        var refusedOthers = 0;
        for (var round = 0; round < 20 && refusedOthers == 0; round++)
        {
            var burst = Enumerable.Range(0, 48)
                .Select(i => channel.PostJson("/api/cases", Api.Intake(i % 8 == 0 ? "gas-leak" : "road-damage", "huiji"), Guid.NewGuid().ToString("N")))
                .ToList();
            var responses = await Task.WhenAll(burst);
            for (var i = 0; i < responses.Length; i++)
            {
                if (i % 8 == 0) Assert.Equal(HttpStatusCode.Created, responses[i].StatusCode);
                else if (responses[i].StatusCode == HttpStatusCode.ServiceUnavailable) refusedOthers++;
                else Assert.Equal(HttpStatusCode.Created, responses[i].StatusCode);
            }
        }
        Assert.True(refusedOthers > 0, "no burst reached the limit, so the test proved nothing");
    }

    [Fact]
    public void A_limit_below_one_stops_the_host_with_the_setting_named()
    {
        var result = new DispatcherHostOptionsValidator(new ConfigurationBuilder().Build(), PostgresSettingsValidationTests.City)
            .Validate(null, new DispatcherHostOptions { MaxIntakesInFlight = 0 });
        Assert.True(result.Failed);
        Assert.Contains("Dispatcher:MaxIntakesInFlight", result.FailureMessage);
    }
}
