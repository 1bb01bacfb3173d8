using System.Net;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class PublicLookupRateLimitTests(DispatcherHostFixture host)
{
    private static async Task AssertTooManyRequests(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{what}: expected 429, got {(int)response.StatusCode} {body}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{what}: expected a Retry-After in seconds, got '{response.Headers.RetryAfter}'");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await response.Json())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Guessing_one_case_from_many_addresses_is_stopped_with_429_while_other_cases_still_answer()
    {
        var channel = host.Client(Channel);
        var guessed = await channel.Submit(Api.Intake("road-damage", "erqi", phone: "13800001234"));
        var other = await channel.Submit(Api.Intake("road-damage", "erqi", phone: "13800005678"));
        HttpClient[] guessers = [host.ClientFrom(IPAddress.Parse("127.0.0.31")), host.ClientFrom(IPAddress.Parse("127.0.0.32"))];

        for (var i = 0; i < LookupsPerCase; i++)
        {
            var wrong = await guessers[i % 2].GetAsync($"/api/public/cases/{guessed}?phoneLast4={i:0000}");
            Assert.True(wrong.StatusCode == HttpStatusCode.NotFound, $"guess {i} on {guessed}: expected 404, got {(int)wrong.StatusCode}");
        }

        // Even the right phone from a third address is refused now: the limit is the case's, not the guesser's.
        await AssertTooManyRequests(await host.ClientFrom(IPAddress.Parse("127.0.0.33")).GetAsync($"/api/public/cases/{guessed}?phoneLast4=1234"),
            $"lookup {LookupsPerCase + 1} of {guessed}");
        var stillOpen = await guessers[0].GetAsync($"/api/public/cases/{other}?phoneLast4=5678");
        Assert.True(stillOpen.StatusCode == HttpStatusCode.OK, $"{other} from a guesser's address: expected 200, got {(int)stillOpen.StatusCode}");
    }

    [Fact]
    public async Task One_address_making_more_than_twenty_lookups_a_minute_gets_429_and_other_addresses_do_not()
    {
        var guesser = host.ClientFrom(IPAddress.Parse("127.0.0.41"));
        for (var i = 0; i < 20; i++)
        {
            var miss = await guesser.GetAsync($"/api/public/cases/ZZ-{Guid.NewGuid():N}?phoneLast4=0000");
            Assert.True(miss.StatusCode == HttpStatusCode.NotFound, $"lookup {i + 1} from 127.0.0.41: expected 404, got {(int)miss.StatusCode}");
        }

        var fresh = $"ZZ-{Guid.NewGuid():N}";
        await AssertTooManyRequests(await guesser.GetAsync($"/api/public/cases/{fresh}?phoneLast4=0000"), "lookup 21 from 127.0.0.41");
        var neighbour = await host.ClientFrom(IPAddress.Parse("127.0.0.42")).GetAsync($"/api/public/cases/{fresh}?phoneLast4=0000");
        Assert.True(neighbour.StatusCode == HttpStatusCode.NotFound, $"the same lookup from 127.0.0.42: expected 404, got {(int)neighbour.StatusCode}");
    }
}
