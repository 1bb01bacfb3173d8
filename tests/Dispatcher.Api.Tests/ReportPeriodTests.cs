using System.Net;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class ReportPeriodTests(DispatcherHostFixture host)
{
    [Theory]
    [InlineData("/api/reports/monthly?month=9999-12", "month")]
    [InlineData("/api/reports/monthly?month=0001-01", "month")]
    [InlineData("/api/reports/monthly?month=9999-12&format=csv", "month")]
    [InlineData("/api/reports/quarterly?quarter=9999-Q4", "quarter")]
    [InlineData("/api/reports/annual?year=9999", "year")]
    public async Task A_period_outside_the_years_reports_cover_is_a_field_level_400(string path, string field)
    {
        var response = await host.Client(Admin).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True((await response.Json())["errors"]!.AsObject().ContainsKey(field), $"{path}: no error on '{field}'");
    }
}
