using Dispatcher.Domain.City;

namespace Dispatcher.Host.Security.Staff;

/// <summary>Start-up checks of the staff accounts (city file and <c>Dispatcher:Staff</c>): a bad account stops the host.</summary>
public static class StaffAccountRules
{
    /// <summary>The roles a person may hold; channels and partners are machines and sign in with keys only.</summary>
    public static readonly string[] PersonRoles = [Roles.Agent, Roles.Department, Roles.Supervisor, Roles.Admin];

    public static IEnumerable<string> Problems(IEnumerable<StaffAccount> accounts, CityDirectory city)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in accounts)
        {
            var name = $"Staff account '{a.Login}'";
            if (string.IsNullOrWhiteSpace(a.Login) || a.Login.Length > StaffSignIn.MaxLoginLength || a.Login != a.Login.Trim())
                yield return $"{name}: Login must be 1–{StaffSignIn.MaxLoginLength} characters without surrounding spaces.";
            else if (!seen.Add(a.Login)) yield return $"{name}: the login is given twice.";
            if (!PersonRoles.Contains(a.Role)) yield return $"{name}: Role must be one of {string.Join(", ", PersonRoles)}.";
            if (a.Role == Roles.Department && a.DepartmentId is null) yield return $"{name}: a department clerk needs DepartmentId.";
            if (a.DepartmentId is not null && city.FindDepartment(a.DepartmentId) is null) yield return $"{name}: unknown department '{a.DepartmentId}'.";
            if (a.Head && a.Role != Roles.Department) yield return $"{name}: only a department clerk can be its department's head.";
            if (!IsPasswordHash(a.PasswordHash)) yield return $"{name}: PasswordHash must be an ASP.NET Core PasswordHasher hash (base64), never a password.";
        }
    }

    /// <summary>The PasswordHasher v3 format: base64 of a 0x01 marker, PRF, iterations, salt and subkey (at least 61 bytes).</summary>
    private static bool IsPasswordHash(string? hash)
    {
        if (string.IsNullOrEmpty(hash)) return false;
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length >= 61 && bytes[0] == 0x01;
    }
}
