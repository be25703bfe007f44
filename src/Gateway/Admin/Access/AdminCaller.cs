namespace Gateway.Admin.Access;

/// <summary>The authenticated caller of an admin endpoint, as the <see cref="AdminAuthorizer"/> judges it.</summary>
/// <param name="PrincipalId">The caller's account id (<c>sa_…</c>).</param>
/// <param name="OrgId">The caller's org.</param>
/// <param name="ProjectId">The caller's project; <c>null</c> for an org-wide account.</param>
/// <param name="Scopes">The caller's effective scope patterns (from its roles, resolved at authentication).</param>
/// <param name="IsPlatform">
/// <c>true</c> for an org-wide account of the bootstrap org (<c>Gateway:Admin:BootstrapOrg</c>): it administers
/// every tenant and the platform-wide objects (custom roles).
/// </param>
public sealed record AdminCaller(string PrincipalId, string OrgId, string? ProjectId, IReadOnlyList<string> Scopes, bool IsPlatform);
