namespace Gateway.Authorization;

/// <summary>The access checks every authenticated policy carries, in the order they are reported (docs/CONFIGURATION.md, roles and scopes).</summary>
public static class AccessRequirements
{
    /// <summary>IP allowlist, org/project boundary, route scopes.</summary>
    public static readonly Microsoft.AspNetCore.Authorization.IAuthorizationRequirement[] All =
        [new IpAllowlistRequirement(), new RouteTenancyRequirement(), new RouteScopesRequirement()];
}
