using Gateway.Authentication;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.IdentityToken;

/// <summary>
/// Adds <c>X-Gateway-Identity</c> for an authenticated caller on a route that asks for it (never on anonymous
/// requests). Any caller-sent value is gone already (every <c>X-Gateway-*</c> header is removed) and is removed
/// here again regardless of transform order. Without loaded keys the request is answered 503 instead of going
/// upstream unsigned.
/// </summary>
public sealed class IdentityTokenTransform(IdentityTokenCache cache, string audience) : RequestTransform
{
    /// <summary>The <c>aud</c> of this route's tokens.</summary>
    public string Audience => audience;

    /// <inheritdoc />
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        headers.Remove(IdentityTokenHeaders.Identity);
        if (GatewayIdentity.Of(context.HttpContext) is not { } identity)
        {
            return ValueTask.CompletedTask;
        }

        if (cache.Get(identity, audience) is { } token)
        {
            headers.TryAddWithoutValidation(IdentityTokenHeaders.Identity, token);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status503ServiceUnavailable, ErrorCodes.AuthUnavailable,
            "The identity-token signing keys are not available; try again shortly."));
    }
}
