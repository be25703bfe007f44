using System.Net.Http.Headers;
using Gateway.Authentication;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Forwarding;

/// <summary>
/// The request transform on every route: drop every incoming <c>X-Gateway-*</c> header (in any spelling, see
/// <see cref="HeaderNameRules"/>), drop the caller's
/// credentials unless the route opts out, then add the identity of an authenticated caller.
/// </summary>
public sealed class IdentityTransform(bool forwardCredentials) : RequestTransform
{
    /// <inheritdoc />
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        RemoveMatching(headers, forwardCredentials);
        if (context.ProxyRequest.Content is { } content)
        {
            RemoveMatching(content.Headers, forwardCredentials);
        }

        if (GatewayIdentity.Of(context.HttpContext) is { } identity)
        {
            headers.TryAddWithoutValidation(IdentityHeaders.PrincipalId, identity.PrincipalId);
            headers.TryAddWithoutValidation(IdentityHeaders.PrincipalType, identity.PrincipalType);
            headers.TryAddWithoutValidation(IdentityHeaders.PrincipalName, identity.Name);
            headers.TryAddWithoutValidation(IdentityHeaders.OrgId, identity.OrgId);
            if (identity.ProjectId is not null)
            {
                headers.TryAddWithoutValidation(IdentityHeaders.ProjectId, identity.ProjectId);
            }

            headers.TryAddWithoutValidation(IdentityHeaders.KeyId, identity.KeyId);
            headers.TryAddWithoutValidation(IdentityHeaders.AuthScheme, identity.AuthScheme);
            headers.TryAddWithoutValidation(IdentityHeaders.Scopes, string.Join(' ', identity.Scopes));
        }

        return ValueTask.CompletedTask;
    }

    private static void RemoveMatching(HttpHeaders headers, bool keepCredentials)
    {
        List<string>? doomed = null;
        foreach (var header in headers)
        {
            var name = header.Key;
            if (HeaderNameRules.IsIdentity(name) || (!keepCredentials && HeaderNameRules.IsCredential(name)))
            {
                (doomed ??= []).Add(name);
            }
        }

        if (doomed is null)
        {
            return;
        }

        foreach (var name in doomed)
        {
            headers.Remove(name);
        }
    }
}
