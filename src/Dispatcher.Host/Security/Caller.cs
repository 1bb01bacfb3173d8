using System.Security.Claims;
using Dispatcher.Abstractions;

namespace Dispatcher.Host.Security;

/// <summary>The authenticated caller as the domain sees it.</summary>
public static class Caller
{
    public static string Name(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
    public static string? DepartmentId(this ClaimsPrincipal user) => user.FindFirstValue(Roles.DepartmentClaim);

    public static Actor ToActor(this ClaimsPrincipal user) => new(user.Role() switch
    {
        Roles.Admin => ActorKind.Admin,
        Roles.Agent => ActorKind.Agent,
        Roles.Channel => ActorKind.Channel,
        Roles.Department => ActorKind.Department,
        Roles.Supervisor => ActorKind.Supervisor,
        Roles.Partner => ActorKind.Partner,
        _ => ActorKind.Citizen,
    }, user.Name(), user.DepartmentId());

    /// <summary>Department keys may only see their own department's data.</summary>
    public static bool MaySeeDepartment(this ClaimsPrincipal user, string departmentId) =>
        user.Role() switch
        {
            Roles.Admin or Roles.Agent => true,
            // A supervisor attached to a department sees that one; one without a department sees all.
            Roles.Supervisor => user.DepartmentId() is null || user.DepartmentId() == departmentId,
            Roles.Department => user.DepartmentId() == departmentId,
            _ => false,
        };
}
