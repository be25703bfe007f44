using Microsoft.AspNetCore.Authorization;

namespace Gateway.Authorization;

/// <summary>On routes with <c>Gateway.RequiredScopes</c>, the principal's scopes must cover every listed scope.</summary>
public sealed class RouteScopesRequirement : IAuthorizationRequirement;
