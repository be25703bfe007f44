using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Authentication;
using Gateway.Authorization;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gateway.Admin.Access;

/// <summary>
/// The one place that decides what an admin caller may do (docs/API.md, "Administration authorization"); every admin
/// endpoint asks it after the route's scope check passed.
/// <list type="bullet">
/// <item><b>Tenancy.</b> A platform caller (an org-wide account of the bootstrap org) administers everything; an
/// org-wide account only accounts of its org; a project account only accounts of its project. Objects outside the
/// caller's tenant answer 404 exactly like unknown ones.</item>
/// <item><b>No escalation.</b> Every scope a caller assigns (through roles, custom-role scopes or runner roles) and
/// every scope held by an account it changes must be covered by the caller's own scopes; <c>gateway.*</c> scopes
/// (and <c>*</c>) additionally need <c>*</c> or <see cref="GatewayScopes.AdminGrant"/>.</item>
/// <item><b>No self-service.</b> An account cannot change its own roles, status or allowed CIDRs, nor delete itself.</item>
/// <item><b>Platform objects.</b> Custom roles are shared by every tenant: only a platform caller may write them.</item>
/// </list>
/// </summary>
public sealed class AdminAuthorizer(IRoleResolver roles, IOptions<AdminOptions> options)
{
    /// <summary>The caller of the current request (the admin endpoints require authentication).</summary>
    public AdminCaller Caller(HttpContext context)
    {
        var identity = GatewayIdentity.Of(context)
            ?? throw new GatewayProblemException(StatusCodes.Status401Unauthorized, ErrorCodes.MissingCredentials, "Authentication is required.");
        var platform = identity.ProjectId is null
            && string.Equals(identity.OrgId, options.Value.BootstrapOrg, StringComparison.Ordinal);
        return new AdminCaller(identity.PrincipalId, identity.OrgId, identity.ProjectId, identity.Scopes, platform);
    }

    /// <summary><c>true</c> when the tenant (org, optional project) lies within what <paramref name="caller"/> administers.</summary>
    public static bool Administers(AdminCaller caller, string orgId, string? projectId) =>
        caller.IsPlatform
        || (string.Equals(caller.OrgId, orgId, StringComparison.Ordinal)
            && (caller.ProjectId is null || string.Equals(caller.ProjectId, projectId, StringComparison.Ordinal)));

    /// <summary>The account when the caller may see it; else the same 404 as an unknown account.</summary>
    public static ServiceAccount Visible(AdminCaller caller, ServiceAccount account) =>
        Administers(caller, account.OrgId, account.ProjectId) ? account : throw AccountNotFound(account.Id);

    /// <summary>The listing filter narrowed to the caller's tenant; <c>null</c> when the filter asks for another tenant (empty answer).</summary>
    public static AccountQuery? Restrict(AdminCaller caller, AccountQuery query)
    {
        if (caller.IsPlatform)
        {
            return query;
        }

        if ((query.OrgId is not null && query.OrgId != caller.OrgId)
            || (caller.ProjectId is not null && query.ProjectId is not null && query.ProjectId != caller.ProjectId))
        {
            return null;
        }

        return query with { OrgId = caller.OrgId, ProjectId = caller.ProjectId ?? query.ProjectId };
    }

    /// <summary>403 <c>project_not_allowed</c> when a new object would be placed outside the caller's tenant.</summary>
    public static void EnsureTenant(AdminCaller caller, string orgId, string? projectId)
    {
        if (!Administers(caller, orgId, projectId))
        {
            throw new GatewayProblemException(StatusCodes.Status403Forbidden, ErrorCodes.ProjectNotAllowed,
                caller.ProjectId is null
                    ? $"This account administers org '{caller.OrgId}' only."
                    : $"This account administers project '{caller.ProjectId}' of org '{caller.OrgId}' only.");
        }
    }

    /// <summary>403 <c>escalation_refused</c> unless the caller may assign every scope of <paramref name="roleNames"/>.</summary>
    public void EnsureCanGrantRoles(AdminCaller caller, IReadOnlyList<string> roleNames) =>
        EnsureCovered(caller, roles.ScopesOf(roleNames), "assign");

    /// <summary>403 <c>escalation_refused</c> unless the caller may assign every one of <paramref name="scopes"/>.</summary>
    public static void EnsureCanGrantScopes(AdminCaller caller, IEnumerable<string> scopes) => EnsureCovered(caller, scopes, "assign");

    /// <summary>
    /// 403 <c>escalation_refused</c> unless the caller holds every scope of <paramref name="target"/> (changing, keying
    /// or deleting a more privileged account would be a way to act with its privileges, or to lock it out). The
    /// caller's own account is exempt: it may manage its own keys, and <see cref="EnsureNotSelf"/> guards the rest.
    /// </summary>
    public void EnsureCanAdminister(AdminCaller caller, ServiceAccount target)
    {
        if (!string.Equals(caller.PrincipalId, target.Id, StringComparison.Ordinal))
        {
            EnsureCovered(caller, roles.ScopesOf(target.Roles), "act on an account holding");
        }
    }

    /// <summary>403 <c>escalation_refused</c> unless the caller holds every scope of the role it replaces.</summary>
    public static void EnsureCanReplaceRole(AdminCaller caller, Role existing) =>
        EnsureCovered(caller, existing.Scopes, "change a role holding");

    /// <summary>403 <c>self_change_refused</c> when <paramref name="target"/> is the caller itself.</summary>
    public static void EnsureNotSelf(AdminCaller caller, ServiceAccount target, string what)
    {
        if (string.Equals(caller.PrincipalId, target.Id, StringComparison.Ordinal))
        {
            throw new GatewayProblemException(StatusCodes.Status403Forbidden, ErrorCodes.SelfChangeRefused,
                $"An account cannot {what} itself; another administrator must do it.");
        }
    }

    /// <summary>403 <c>platform_admin_required</c> unless the caller is a platform administrator.</summary>
    public void EnsurePlatform(AdminCaller caller, string what)
    {
        if (!caller.IsPlatform)
        {
            throw new GatewayProblemException(StatusCodes.Status403Forbidden, ErrorCodes.PlatformAdminRequired,
                $"Only an org-wide account of the platform org '{options.Value.BootstrapOrg}' may {what}.");
        }
    }

    /// <summary>The 404 of an unknown (or invisible) account.</summary>
    public static GatewayProblemException AccountNotFound(string accountId) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No service account '{accountId}'.");

    /// <summary>
    /// <c>true</c> when the caller may assign <paramref name="scope"/>: one of its patterns covers every scope the
    /// pattern can match, and a <c>gateway.*</c> scope (or <c>*</c>) also needs <c>*</c> or <see cref="GatewayScopes.AdminGrant"/>.
    /// </summary>
    public static bool MayGrant(IReadOnlyList<string> callerScopes, string scope)
    {
        if (GrantsAdministration(scope) && !ScopeMatcher.IsGranted(callerScopes, GatewayScopes.AdminGrant))
        {
            return false;
        }

        // ScopeMatcher treats a '*' of the requested pattern as a literal that only a '*' of the caller's pattern can
        // absorb, so a match means the caller's pattern covers everything the requested one can match.
        return ScopeMatcher.IsGranted(callerScopes, scope);
    }

    private static bool GrantsAdministration(string scope) =>
        scope == "*" || scope.StartsWith(ScopeMatcher.ReservedResourcePrefix, StringComparison.Ordinal);

    private static void EnsureCovered(AdminCaller caller, IEnumerable<string> scopes, string verb)
    {
        foreach (var scope in scopes)
        {
            if (!MayGrant(caller.Scopes, scope))
            {
                throw new GatewayProblemException(StatusCodes.Status403Forbidden, ErrorCodes.EscalationRefused,
                    GrantsAdministration(scope) && !ScopeMatcher.IsGranted(caller.Scopes, GatewayScopes.AdminGrant)
                        ? $"Only a holder of '*' or '{GatewayScopes.AdminGrant}' may {verb} the scope '{scope}'."
                        : $"This account may not {verb} the scope '{scope}', which it does not hold itself.");
            }
        }
    }
}
