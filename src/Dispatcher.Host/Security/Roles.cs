namespace Dispatcher.Host.Security;

/// <summary>Roles an API key can carry, and the claim types we put on the caller.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Agent = "agent";
    public const string Channel = "channel";
    public const string Department = "department";
    public const string Supervisor = "supervisor";
    public const string Partner = "partner";

    public static readonly string[] All = [Admin, Agent, Channel, Department, Supervisor, Partner];

    public const string DepartmentClaim = "dispatcher:department";
}
