using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Dispatcher.Postgres.Tests;

/// <summary>
/// Behind a load balancer a person's next request may reach another silo: the session cookie and
/// the antiforgery token one silo issued must open on the others. Each silo here has its own home
/// folder (as on its own machine), so only the shared key folder (Dispatcher:SessionKeysFolder) can
/// make that work — without it the second silo does not know the session.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionAcrossSilosTests
{
    [Fact]
    public async Task A_session_signed_in_on_one_silo_reads_and_changes_on_another_only_with_the_shared_key_folder()
    {
        await using var db = await TestDatabase.Create();
        var keys = Directory.CreateTempSubdirectory("dispatcher-session-keys-");
        var homes = Enumerable.Range(0, 2).Select(_ => Directory.CreateTempSubdirectory("dispatcher-home-")).ToArray();
        try
        {
            var shared = await Cluster(db, homes, $"--Dispatcher:SessionKeysFolder={keys.FullName}");
            await using (shared.A)
            await using (shared.B)
            {
                var (signedInOnB, changeOnB) = await SignInOnAThenUseB(shared.A, shared.B);
                Assert.True(signedInOnB, "silo B did not know the session silo A issued");
                Assert.Equal(HttpStatusCode.OK, changeOnB);
            }

            // The control: the same cluster without the shared folder — the test can tell the difference.
            var separate = await Cluster(db, homes);
            await using (separate.A)
            await using (separate.B)
            {
                var (signedInOnB, _) = await SignInOnAThenUseB(separate.A, separate.B);
                Assert.False(signedInOnB, "without a shared key ring silo B should not read silo A's cookie");
            }
        }
        finally
        {
            keys.Delete(recursive: true);
            foreach (var home in homes) home.Delete(recursive: true);
        }
    }

    private static async Task<(SiloProcess A, SiloProcess B)> Cluster(TestDatabase db, DirectoryInfo[] homes, params string[] args)
    {
        var cluster = "session-" + Guid.NewGuid().ToString("N")[..6];
        var a = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: args, environment: new Dictionary<string, string> { ["HOME"] = homes[0].FullName });
        var b = await SiloProcess.Start(db.ConnectionString, cluster, extraArgs: args, environment: new Dictionary<string, string> { ["HOME"] = homes[1].FullName });
        return (a, b);
    }

    /// <summary>Signs in as the city call-taker on A, then on B asks who is signed in and reopens nothing but a harmless change: a routing preview.</summary>
    private static async Task<(bool SignedInOnB, HttpStatusCode ChangeOnB)> SignInOnAThenUseB(SiloProcess a, SiloProcess b)
    {
        var cookies = new CookieContainer(); // cookies belong to the host, not the port: both silos see them, as behind one balancer
        using var onA = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = a.BaseAddress };
        using var onB = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies }) { BaseAddress = b.BaseAddress };

        var token = (await onA.GetFromJsonAsync<JsonObject>("/api/session"))!["antiforgeryToken"]!.GetValue<string>();
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { login = "zhang.wei", password = "demo-zhang.wei" }) };
        signIn.Headers.Add("X-CSRF-Token", token);
        using var signedIn = await onA.SendAsync(signIn);
        Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"sign-in on A: {(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync()}");
        token = (await signedIn.Content.ReadFromJsonAsync<JsonObject>())!["antiforgeryToken"]!.GetValue<string>();

        var session = await onB.GetFromJsonAsync<JsonObject>("/api/session");
        var known = session!["signedIn"]!.GetValue<bool>() && session["login"]?.GetValue<string>() == "zhang.wei";
        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/routing/preview")
        {
            Content = JsonContent.Create(new { category = "construction-noise", district = "jinshui", text = "piling at night" }),
        };
        change.Headers.Add("X-CSRF-Token", token);
        using var changed = await onB.SendAsync(change);
        return (known, changed.StatusCode);
    }
}
