using System.Security.Cryptography;
using System.Text;
using Dispatcher.Domain.City;
using Microsoft.AspNetCore.Identity;

namespace Dispatcher.Host.Security.Staff;

/// <summary>
/// The staff accounts (city file and <c>Dispatcher:Staff</c>), by login, and the password check.
/// Only <see cref="PasswordHasher{TUser}"/> hashes are held; an unknown login is checked against a
/// hash of a random password, so it costs the same time as a known one and reveals nothing.
/// </summary>
public sealed class StaffDirectory
{
    private readonly Dictionary<string, StaffAccount> _byLogin;
    private readonly PasswordHasher<StaffAccount> _hasher = new();
    private readonly string _decoyHash;

    public StaffDirectory(IEnumerable<StaffAccount> accounts)
    {
        _byLogin = new(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts) _byLogin[account.Login] = account;
        _decoyHash = _hasher.HashPassword(Decoy, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    }

    private static readonly StaffAccount Decoy = new("", "", "", "");

    public StaffAccount? Find(string login) => _byLogin.GetValueOrDefault(login);

    /// <summary>The account whose password this is, or null (unknown login or wrong password, indistinguishable).</summary>
    public StaffAccount? Verify(string login, string password)
    {
        var account = Find(login);
        var result = _hasher.VerifyHashedPassword(account ?? Decoy, account?.PasswordHash ?? _decoyHash, password);
        return account is not null && result != PasswordVerificationResult.Failed ? account : null;
    }

    /// <summary>
    /// A short fingerprint of the account's password hash and role, kept in the session: a changed
    /// password, role or department (or a removed account) ends every session signed in before.
    /// </summary>
    public static string Stamp(StaffAccount account) => Convert.ToHexStringLower(SHA256.HashData(
        Encoding.UTF8.GetBytes($"{account.PasswordHash}|{account.Role}|{account.DepartmentId}|{account.Head}")))[..16];
}
