using Gateway.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Gateway.Authorization;

/// <summary>
/// Writes the gateway's problem answers for authorization outcomes: a challenge runs the authentication scheme's
/// 401, a forbid becomes a 403 whose code comes from the first <see cref="GatewayAuthorizationFailure"/>.
/// </summary>
public sealed class GatewayAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var failure = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<GatewayAuthorizationFailure>().FirstOrDefault();
            await ProblemWriter.WriteAsync(context, StatusCodes.Status403Forbidden,
                failure?.Code ?? ErrorCodes.InsufficientScope,
                failure?.Message ?? "The principal is not allowed to make this call.");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
