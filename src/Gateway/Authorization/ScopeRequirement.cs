using Microsoft.AspNetCore.Authorization;

namespace Gateway.Authorization;

/// <summary>Requires that the principal's scopes cover every one of <see cref="Scopes"/>.</summary>
/// <param name="Scopes">Scopes that must all be granted.</param>
public sealed record ScopeRequirement(IReadOnlyList<string> Scopes) : IAuthorizationRequirement;
