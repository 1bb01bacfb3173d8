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

    /// <summary>Which departments this caller may see: the one rule (<see cref="CallerScope"/>).</summary>
    public static CallerScope Scope(this ClaimsPrincipal user) => CallerScope.Of(user);
}
