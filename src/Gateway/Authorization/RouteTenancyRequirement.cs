using Microsoft.AspNetCore.Authorization;

namespace Gateway.Authorization;

/// <summary>
/// On routes with <c>Gateway.ProjectRouteValue</c> / <c>Gateway.OrgRouteValue</c>, the principal must belong to
/// the org and project the request names.
/// </summary>
public sealed class RouteTenancyRequirement : IAuthorizationRequirement;
