using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Deadlines;
using Dispatcher.Grains.Hosting;

namespace Dispatcher.Deadlines.Tests;

/// <summary>The demo city and the product's default SLA policy.</summary>
public static class Demo
{
    public static readonly CityDirectory City = CityDirectory.Load(Path.Combine(AppContext.BaseDirectory, "city", "zhengzhou.json"));
    public static readonly WorkingCalendar Calendar = City.WorkingCalendar();
    public static readonly Actor Channel = new(ActorKind.Channel, "web-form");
    public static readonly Actor Agent = new(ActorKind.Agent, "agent-li");
    public static Actor Dept(string id) => new(ActorKind.Department, id, id);

    public static CaseWorkflow Workflow(DeadlineOptions? options = null) =>
        new(City, 2, new DeadlineEngine((options ?? new DeadlineOptions()).ToPolicy(), Calendar, City));

    public static CaseIntake Intake(string category = "road-damage", string district = "erqi", CasePriority priority = CasePriority.Normal) =>
        new("web", category, district, "No. 1 Road", "A test case", [], new CitizenContact("Zhang", "13812345678"), priority);

    /// <summary>The intake as the planner accepts it, the only way into the workflow.</summary>
    public static AcceptedIntake Accept(SubmitCase command, DateTimeOffset at) =>
        new IntakePlanner(City, mergeDuplicates: false).Plan(command, IntakeFacts.None, at).Accepted;

    /// <summary>Local (UTC+8) wall-clock time in the demo city.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
