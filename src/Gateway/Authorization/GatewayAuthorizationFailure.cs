using Microsoft.AspNetCore.Authorization;

namespace Gateway.Authorization;

/// <summary>A failed requirement with the problem code and detail the 403 answer carries.</summary>
public sealed class GatewayAuthorizationFailure(IAuthorizationHandler handler, string code, string message)
    : AuthorizationFailureReason(handler, message)
{
    /// <summary>One of the 403 codes of <see cref="Errors.ErrorCodes"/>.</summary>
    public string Code { get; } = code;
}
