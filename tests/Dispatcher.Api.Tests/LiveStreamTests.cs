using System.Net;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>The console's Server-Sent Events (ADR-025), fed by the department stream and counters.</summary>
[Collection(HostCollection.Name)]
public sealed class LiveStreamTests(DispatcherHostFixture host)
{
    [Fact]
    public async Task A_department_stream_sends_ready_then_the_case_dispatched_to_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var clerk = host.Client(Dept(CaseStages.Jinshui));
        using var response = await clerk.GetAsync($"/api/live/departments/{CaseStages.Jinshui}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadUntil(reader, "event: ready", timeout.Token);

        var id = await host.Client(AgentKey).Submit(Api.Intake("construction-noise", "jinshui"));
        string data;
        do
        {
            await ReadUntil(reader, "event: case", timeout.Token);
            data = (await reader.ReadLineAsync(timeout.Token))!;
        }
        while (!data.Contains(id, StringComparison.Ordinal));
        Assert.Contains("\"kind\":\"assigned\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scoreboard_stream_sends_the_figures_again_when_a_department_changes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var supervisor = host.Client("demo-supervisor-jinshui-key");
        using var response = await supervisor.GetAsync("/api/live/scoreboard", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadUntil(reader, "event: stats", timeout.Token);
        var first = (await reader.ReadLineAsync(timeout.Token))!;
        Assert.Contains(CaseStages.Jinshui, first, StringComparison.Ordinal);
        Assert.DoesNotContain("city-water", first, StringComparison.Ordinal); // the attached supervisor's scope only

        await host.Client(AgentKey).Submit(Api.Intake("construction-noise", "jinshui"));
        await ReadUntil(reader, "event: stats", timeout.Token);
        var next = (await reader.ReadLineAsync(timeout.Token))!;
        Assert.Contains("\"assignedLastMinute\":", next, StringComparison.Ordinal);
        Assert.DoesNotContain("\"intakePerMinute\":0", next, StringComparison.Ordinal);
    }

    private static async Task ReadUntil(StreamReader reader, string line, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } read)
            if (read == line) return;
        Assert.Fail($"The stream ended before '{line}'.");
    }
}
