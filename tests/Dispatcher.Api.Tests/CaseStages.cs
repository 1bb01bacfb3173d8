using System.Net;
using static Dispatcher.Api.Tests.DispatcherHostFixture;

namespace Dispatcher.Api.Tests;

/// <summary>Where a test needs a case to be before the call it makes.</summary>
/// <remarks>The Co stages (ADR-027): a joint case led by city-water on which the Jinshui environment bureau is a co-department, its part at that step.</remarks>
public enum CaseStage { Dispatched, Acknowledged, Replied, Resolved, TransferredToPartner, CoAssigned, CoAcknowledged, CoReplied }

/// <summary>Fresh cases brought to a stage through the real API, every step's status checked.</summary>
public static class CaseStages
{
    /// <summary>The department a construction-noise case in Jinshui is routed to (rule noise-jinshui).</summary>
    public const string Jinshui = "jinshui-environment";

    /// <summary>The partner line water-billing cases are transferred to at intake.</summary>
    public const string WaterLine = "water-hotline";

    public static async Task<string> NewCaseAt(this DispatcherHostFixture host, CaseStage stage)
    {
        var agent = host.Client(AgentKey);
        if (stage == CaseStage.TransferredToPartner)
        {
            var transferred = await (await agent.PostJson("/api/cases", Api.Intake("water-billing", "erqi"))).Json();
            Assert.True(transferred["status"]?.GetValue<string>() == "transferredOut", transferred.ToJsonString());
            return transferred["id"]!.GetValue<string>();
        }
        var id = await agent.Submit(Api.Intake("construction-noise", "jinshui"));
        if (stage is CaseStage.CoAssigned or CaseStage.CoAcknowledged or CaseStage.CoReplied) return await host.CoPartAt(id, stage);
        var steps = stage switch
        {
            CaseStage.Acknowledged => new[] { "acknowledge" },
            CaseStage.Replied => ["acknowledge", "reply"],
            CaseStage.Resolved => ["acknowledge", "reply", "resolve"],
            _ => [],
        };
        var department = host.Client(Dept(Jinshui));
        foreach (var step in steps)
        {
            var response = await department.PostJson($"/api/cases/{id}/{step}", step == "acknowledge" ? new { } : new { text = "done" });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"bringing {id} to {stage}: {step} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return id;
    }

    /// <summary>The lead this test helper gives a joint case; the Jinshui bureau becomes its co-department.</summary>
    public const string JointLead = "city-water";

    private static async Task<string> CoPartAt(this DispatcherHostFixture host, string id, CaseStage stage)
    {
        var dispatched = await host.Client(AgentKey).PostJson($"/api/cases/{id}/dispatch", new { departmentId = JointLead, reason = "water main under the site", coDepartments = new[] { Jinshui } });
        Assert.True(dispatched.StatusCode == HttpStatusCode.OK, $"making {id} joint: {(int)dispatched.StatusCode} {await dispatched.Content.ReadAsStringAsync()}");
        var steps = stage switch
        {
            CaseStage.CoAcknowledged => new[] { "acknowledge" },
            CaseStage.CoReplied => ["acknowledge", "reply"],
            _ => [],
        };
        foreach (var step in steps)
        {
            var response = await host.Client(Dept(Jinshui)).PostJson($"/api/cases/{id}/co/{Jinshui}/{step}", step == "reply" ? new { text = "noise measured" } : new { });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"bringing {id} to {stage}: co {step} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return id;
    }
}
