using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dispatcher.Tests.Shared;

namespace Dispatcher.Postgres.Tests;

/// <summary>JSON over HTTP against a silo process.</summary>
public static class Http
{
    public const string Admin = "demo-admin-key";
    public const string Agent = "demo-agent-key";
    public const string Channel = "demo-channel-key";
    public static string Dept(string id) => $"demo-{id}-key";

    public static object Intake(string category, string district) => new
    {
        channel = "web",
        category,
        district,
        address = DistinctPlaces.Address("Test Road"), // distinct places: no duplicate merging
        description = "Test case for the production path",
        attributes = new Dictionary<string, string>(),
        citizen = new { name = "Li Si", phone = "13700001111" },
        priority = "normal",
    };

    public static async Task<HttpResponseMessage> Post(this HttpClient client, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<string> Submit(this HttpClient client, object intake, string? key = null)
    {
        var response = await client.Post("/api/cases", intake, key);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Json())["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> Case(this HttpClient agent, string id) =>
        (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{id}"))!;

    public static async Task<JsonObject> Stats(this HttpClient agent, string department, string month) =>
        (await agent.GetFromJsonAsync<JsonObject>($"/api/departments/{department}/stats?month={month}"))!;

    public static string Month(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");

    /// <summary>Retries an action until it stops throwing or the deadline passes (cluster convergence after a kill).</summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> action, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
