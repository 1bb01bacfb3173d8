namespace Dispatcher.Domain.City;

/// <summary>
/// A person who signs in to the console (ADR-024). <see cref="Role"/> is one of the API-key roles
/// (agent for call-takers and dispatchers, department for clerks, supervisor, admin);
/// <see cref="DepartmentId"/> is a clerk's department or a supervisor's attachment, exactly as a
/// key carries it; <see cref="Head"/> marks the department's head, who assigns cases to clerks.
/// Only an ASP.NET Core <c>PasswordHasher</c> hash of the password is ever stored.
/// </summary>
public sealed record StaffAccount(string Login, string DisplayName, string Role, string PasswordHash, string? DepartmentId = null, bool Head = false);
