using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests.Open311;

/// <summary>
/// Every refusal is Open311's errors/error in the request's format: 403 for a missing or bad api_key,
/// 404 for an unknown request, service, token, jurisdiction, format or method, 400 (one error per
/// field) for the rest — never a 5xx, and a refused create stores nothing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class Open311ErrorTests(DispatcherHostFixture host)
{
    private readonly Open311Client _open311 = new(host, "127.0.0.113");

    private static string[] Descriptions(XDocument errors)
    {
        Assert.Equal("errors", errors.Root!.Name.LocalName);
        return errors.Root.Elements("error").Select(e => e.Element("description")!.Value).ToArray();
    }

    private async Task<string[]> Refused(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        var errors = await Open311Client.ReadXml(response, status, what);
        Assert.All(errors.Root!.Elements("error"), e => Assert.Equal(((int)status).ToString(), e.Element("code")!.Value));
        return Descriptions(errors);
    }

    /// <summary>Posts and demands a refusal that stored nothing.</summary>
    private async Task<string[]> RefusedCreate(HttpContent content, HttpStatusCode status, string what, string format = "xml")
    {
        var agent = host.Client(AgentKey);
        var before = await agent.TotalCases();
        using var response = await _open311.Http.PostAsync($"{Open311Client.Base}/requests.{format}", content);
        string[] descriptions;
        if (format == "json")
        {
            var json = await Open311Client.ReadJson(response, status, what);
            descriptions = json.EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToArray();
        }
        else descriptions = await Refused(response, status, what);
        Assert.Equal(before, await agent.TotalCases());
        return descriptions;
    }

    private static FormUrlEncodedContent Form(List<KeyValuePair<string, string>> form) => new(form);

    [Theory]
    [InlineData(null, "api_key is required")]
    [InlineData("demo-not-a-key", "Invalid api_key received")]
    [InlineData(AgentKey, "may not create requests")]
    [InlineData(Admin, "may not create requests")]
    [InlineData("demo-jinshui-environment-key", "may not create requests")]
    [InlineData("demo-supervisor-key", "may not create requests")]
    public async Task A_create_without_a_channel_or_partner_key_is_403(string? key, string message)
    {
        var form = Open311Client.With(Open311Client.NoiseReport(), "api_key", key);
        var errors = await RefusedCreate(Form(form), HttpStatusCode.Forbidden, $"api_key={key}");
        Assert.Contains(message, Assert.Single(errors));
    }

    [Fact]
    public async Task Field_errors_of_the_intake_decision_come_back_one_error_per_argument()
    {
        var form = Open311Client.With(Open311Client.With(Open311Client.With(Open311Client.NoiseReport(),
            "service_code", "no-such-service"), "description", null), "phone", "12345");
        var errors = await RefusedCreate(Form(form), HttpStatusCode.BadRequest, "three bad fields", "json");
        Assert.Equal(3, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("service_code: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("description: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("phone: ", StringComparison.Ordinal));

        var longText = Open311Client.With(Open311Client.NoiseReport(), "description", new string('x', 4001));
        Assert.StartsWith("description: At most 4000", Assert.Single(await RefusedCreate(Form(longText), HttpStatusCode.BadRequest, "4,001 characters")));
        var badValue = Open311Client.NoiseReport(siteManagedBy: "the-mayor");
        Assert.StartsWith("attribute[siteManagedBy]: One of: construction-committee", Assert.Single(await RefusedCreate(Form(badValue), HttpStatusCode.BadRequest, "a value outside the list")));
        var badMedia = Open311Client.With(Open311Client.NoiseReport(), "media_url", "not a url");
        Assert.StartsWith("media_url: ", Assert.Single(await RefusedCreate(Form(badMedia), HttpStatusCode.BadRequest, "media_url")));
    }

    [Theory]
    [InlineData("40.0", "116.4", "lat: The location (40, 116.4) is outside every district")]
    [InlineData("34.78", null, "long: Send lat and long together.")]
    [InlineData("north", "113.6", "lat: Must be a number")]
    [InlineData("NaN", "113.6", "lat: Must be a number")]
    [InlineData(null, null, "lat: A location is required")]
    public async Task A_location_that_places_the_request_in_no_district_is_a_clear_400(string? lat, string? lon, string message)
    {
        var form = Open311Client.With(Open311Client.With(Open311Client.With(Open311Client.NoiseReport(), "lat", lat), "long", lon), "address_string", null);
        Assert.StartsWith(message, Assert.Single(await RefusedCreate(Form(form), HttpStatusCode.BadRequest, $"{lat},{lon}")));
    }

    [Fact]
    public async Task An_address_without_coordinates_needs_the_district_attribute_and_an_address_id_is_not_known_here()
    {
        var addressOnly = Open311Client.With(Open311Client.With(Open311Client.NoiseReport(), "lat", null), "long", null);
        Assert.StartsWith("attribute[district]: Required", Assert.Single(await RefusedCreate(Form(addressOnly), HttpStatusCode.BadRequest, "address only")));
        var unknown = Open311Client.With(addressOnly, "attribute[district]", "atlantis");
        Assert.StartsWith("attribute[district]: Unknown district", Assert.Single(await RefusedCreate(Form(unknown), HttpStatusCode.BadRequest, "unknown district")));
        var byId = Open311Client.With(Open311Client.With(addressOnly, "address_string", null), "address_id", "4711");
        Assert.StartsWith("address_id: ", Assert.Single(await RefusedCreate(Form(byId), HttpStatusCode.BadRequest, "address_id")));

        using var taken = await _open311.Post("xml", Open311Client.With(addressOnly, "attribute[district]", "jinshui"));
        await Open311Client.ReadXml(taken, HttpStatusCode.Created, "address with attribute[district]");
    }

    [Fact]
    public async Task An_attached_photo_is_refused_with_a_400_that_names_media_and_points_to_media_url()
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in Open311Client.NoiseReport()) content.Add(new StringContent(value), name);
        content.Add(new ByteArrayContent(new byte[3 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "media", "photo.jpg");
        var error = Assert.Single(await RefusedCreate(content, HttpStatusCode.BadRequest, "3 MB photo"));
        Assert.StartsWith("media: ", error);
        Assert.Contains("media_url", error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_form_over_64_KB_is_refused_with_413_whether_or_not_it_is_chunked(bool chunked)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('&', Open311Client.NoiseReport().Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"))
            + "&padding=" + new string('x', 200 * 1024));
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (!chunked) content.Headers.ContentLength = body.Length;
        Assert.Contains("65536", Assert.Single(await RefusedCreate(content, HttpStatusCode.RequestEntityTooLarge, $"chunked={chunked}")));
    }

    [Fact]
    public async Task A_multipart_body_cut_off_before_its_closing_boundary_is_a_400()
    {
        using var cut = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\ndemo-chan", Encoding.UTF8);
        cut.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        Assert.StartsWith("form: ", Assert.Single(await RefusedCreate(cut, HttpStatusCode.BadRequest, "cut multipart")));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_a_400()
    {
        using var json = new StringContent("{\"service_code\":\"construction-noise\"}", Encoding.UTF8, "application/json");
        Assert.StartsWith("Content-Type: ", Assert.Single(await RefusedCreate(json, HttpStatusCode.BadRequest, "json body")));
    }

    [Theory]
    [InlineData("requests/ZZ-0000-0000-0000.xml", "No service request")]
    [InlineData("requests/not-a-number.xml", "No service request")]
    [InlineData("services/no-such-service.xml", "Unknown service_code")]
    [InlineData("tokens/4711.xml", "Unknown token")]
    [InlineData("services.xml?jurisdiction_id=BJ", "Unknown jurisdiction_id 'BJ'")]
    [InlineData("requests.xml?jurisdiction_id=BJ", "Unknown jurisdiction_id")]
    [InlineData("discovery.xml?jurisdiction_id=BJ", "Unknown jurisdiction_id")]
    [InlineData("services.csv", "Unknown format '.csv'")]
    [InlineData("no-such-method.xml", "No such Open311 method")]
    public async Task Unknown_things_are_404(string path, string message)
    {
        Assert.Contains(message, Assert.Single(Descriptions(await _open311.Xml(path, HttpStatusCode.NotFound))));
    }

    [Fact]
    public async Task The_citys_code_is_the_jurisdiction_and_a_create_for_another_is_404()
    {
        Assert.Equal("service_requests", (await _open311.Xml("requests.xml?jurisdiction_id=ZZ&page_size=1")).Root!.Name.LocalName);
        Assert.Equal("services", (await _open311.Xml("services.xml?jurisdiction_id=zz")).Root!.Name.LocalName);
        var other = Open311Client.With(Open311Client.NoiseReport(), "jurisdiction_id", "BJ");
        Assert.Contains("Unknown jurisdiction_id", Assert.Single(await RefusedCreate(Form(other), HttpStatusCode.NotFound, "jurisdiction BJ")));
        using var taken = await _open311.Post("xml", Open311Client.With(Open311Client.NoiseReport(), "jurisdiction_id", "ZZ"));
        await Open311Client.ReadXml(taken, HttpStatusCode.Created, "jurisdiction ZZ");
    }

    [Theory]
    [InlineData("requests.json?start_date=yesterday", "start_date: ")]
    [InlineData("requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00", "end_date: start_date and end_date may be at most 90 days apart")]
    [InlineData("requests.json?start_date=2026-06-01&end_date=2026-05-01", "end_date: Must not be before start_date")]
    [InlineData("requests.json?status=pending", "status: Unknown status 'pending'")]
    [InlineData("requests.json?service_code=no-such-service", "service_code: Unknown service_code")]
    [InlineData("requests.json?page_size=501", "page_size: ")]
    [InlineData("requests.json?page=0", "page: ")]
    [InlineData("requests.json?extensions=maybe", "extensions: ")]
    [InlineData("servicerequestupdates.json?end_date=soon", "end_date: ")]
    [InlineData("requests.json?end_date=9999-12-31T23:59:59.9999999%2B00:00", "end_date: ")]
    [InlineData("requests.json?start_date=0001-01-01T00:00:00", "start_date: ")]
    [InlineData("requests.json?page=99999999999999999999", "page: ")]
    public async Task Bad_list_arguments_are_400_naming_the_argument(string path, string message)
    {
        var errors = await _open311.Json(path, HttpStatusCode.BadRequest);
        Assert.StartsWith(message, Assert.Single(errors.EnumerateArray()).GetProperty("description").GetString());
    }

    [Fact]
    public async Task More_reads_than_the_per_client_limit_allows_get_429_in_open311_shape_with_retry_after()
    {
        var reader = new Open311Client(host, "127.0.0.114");
        for (var i = 0; i < 120; i++)
        {
            using var ok = await reader.Http.GetAsync($"{Open311Client.Base}/discovery.json");
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"read {i + 1}: {(int)ok.StatusCode}");
        }
        using var refused = await reader.Http.GetAsync($"{Open311Client.Base}/services.xml");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: '{refused.Headers.RetryAfter}'");
        Assert.Contains("Too many requests", Assert.Single(await Refused(refused, HttpStatusCode.TooManyRequests, "read 121")));
        // Another address is not affected.
        await new Open311Client(host, "127.0.0.115").Xml("services.xml");
    }
}
