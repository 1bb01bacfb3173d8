using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Grains.Tests;

/// <summary>Fresh ids, actors and intakes for grain tests.</summary>
internal static class Cases
{
    public static readonly Actor Channel = new(ActorKind.Channel, "wechat");
    public static readonly Actor Admin = new(ActorKind.Admin, "admin-1");

    public static string NewId() => "ZZ-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
    public static string NewRequest() => "req-" + Guid.NewGuid().ToString("N");
    public static Actor NewAgent() => new(ActorKind.Agent, "agent-" + Guid.NewGuid().ToString("N")[..8]);
    public static Actor DepartmentUser(string departmentId) => new(ActorKind.Department, "clerk-1", departmentId);

    public static CaseIntake Intake(string category = "construction-noise", string district = "erqi", Dictionary<string, string>? attributes = null) =>
        new("hotline", category, district, "Some road 1", "Something is wrong here and needs looking at.", attributes ?? [],
            new CitizenContact("Li", "13800138000"), CasePriority.Normal);

    public static CaseCommand Command(Actor actor, string? text = null) => new(NewRequest(), actor, text);

    public static DispatchCommand Dispatch(Actor actor, string departmentId, string reason = "by hand") => new(NewRequest(), actor, departmentId, reason);

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeoutSeconds}s waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
