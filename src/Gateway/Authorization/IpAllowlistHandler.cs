using Gateway.Authentication;
using Gateway.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Gateway.Authorization;

/// <summary>
/// Checks <see cref="IpAllowlistRequirement"/> against the client IP — the connection's peer, or the address the
/// forwarded-headers stage established from a trusted proxy's <c>X-Forwarded-For</c>.
/// </summary>
public sealed class IpAllowlistHandler : AuthorizationHandler<IpAllowlistRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, IpAllowlistRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.Features.Get<GatewayCredentialFeature>() is not { } feature)
        {
            return Task.CompletedTask;
        }

        var client = http.Connection.RemoteIpAddress;
        if (Admits(feature.Credential, client))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var shown = client is null ? "unknown" : CidrSet.NormalizedText(client);
        context.Fail(new GatewayAuthorizationFailure(this, ErrorCodes.IpNotAllowed,
            $"Requests with this key are not allowed from {shown}."));
        return Task.CompletedTask;
    }

    /// <summary>Whether the account's and the key's allowlists both admit <paramref name="client"/>.</summary>
    public static bool Admits(Accounts.Credential credential, System.Net.IPAddress? client) =>
        CidrSet.Admits(credential.Account.AllowedCidrs, client) && CidrSet.Admits(credential.Key.AllowedCidrs, client);
}
