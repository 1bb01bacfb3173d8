using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Client.Tests;

/// <summary>Intakes and actors of the demo city (zhengzhou.json).</summary>
internal static class Given
{
    public static readonly Actor Channel = new(ActorKind.Channel, "web-form");
    public static readonly Actor Admin = new(ActorKind.Admin, "admin");

    /// <summary>Each intake has its own address, so duplicate merging (并单) never joins two test cases.</summary>
    public static CaseIntake Intake(string category, string district) => new(
        "web", category, district, $"No. {Guid.NewGuid():N} Example Road", "Piling after midnight next to the school",
        [], new CitizenContact("Zhang San", "13812345678"), CasePriority.Normal);

    /// <summary>Construction noise in Jinshui is routed to jinshui-environment (rule noise-jinshui).</summary>
    public static CaseIntake JinshuiNoise() => Intake("construction-noise", "jinshui");

    public static async Task Eventually(Func<Task<bool>> condition, string what, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeoutSeconds}s waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static Task Eventually(Func<bool> condition, string what, int timeoutSeconds = 15) =>
        Eventually(() => Task.FromResult(condition()), what, timeoutSeconds);
}
