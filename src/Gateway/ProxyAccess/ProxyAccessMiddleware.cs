using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Gateway.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace Gateway.ProxyAccess;

/// <summary>
/// The access step of proxied routes, in front of ASP.NET Core's authentication and authorization middleware (the
/// <c>aspNet</c> delegate, which runs them and then the rest of the pipeline). ASP.NET Core's machinery resolves a
/// per-request service scope, instantiates the policy scheme's and the key handler's classes, authenticates twice
/// (middleware, then policy evaluator), builds an authorization context and runs every handler — ≈ 15-20 % of a
/// bearer request's CPU — to reach an answer the gateway can give directly in the cases that dominate traffic:
/// <list type="bullet">
/// <item>an anonymous route (<c>AuthorizationPolicy: Anonymous</c>) called without any credential: nothing to
/// authenticate or check, the request goes straight on;</item>
/// <item>a route under the default (fallback) policy called with a bearer API key: the
/// <see cref="ApiKeyAuthenticator"/> runs, and when it succeeds and the caller passes the policy's checks (an
/// authenticated principal, <see cref="IpAllowlistHandler.Admits"/>, <see cref="RouteTenancyHandler.Denial"/>,
/// <see cref="RouteScopesHandler.MissingScope(HttpContext, GatewayIdentity)"/>) the request goes on with <see cref="HttpContext.User"/> set;</item>
/// <item>a route under the default (fallback) policy called with a signed request (the selector picks the signature
/// scheme): the <see cref="SignatureAuthenticator"/> runs — signature verified, nonce reserved or deferred to the rate
/// limiter — and the request goes on under the same checks.</item>
/// </list>
/// Everything else — other credentials (federated tokens, a credential on an anonymous route), a failed or refused authentication, a denied check, routes with their own
/// policy, admin and console endpoints — takes ASP.NET Core's path unchanged; an authentication already run here is
/// handed to that scheme's handler (<see cref="EarlyAuthenticationResult"/>) so it is not repeated, and the answer (401,
/// 403, 503 with its problem body and challenge) is written exactly as before. The step is switched off entirely
/// (<see cref="ProxyAccessConditions"/>) unless the registered policies and handlers are exactly the ones it implements.
/// </summary>
public sealed class ProxyAccessMiddleware(
    RequestDelegate next,
    RequestDelegate aspNet,
    ApiKeyAuthenticator apiKey,
    SignatureAuthenticator? signature,
    ProxyAccessConditions conditions)
{
    private readonly Func<HttpContext, string?>? _selector = conditions.Selector;
    private Func<HttpContext, AuthenticateResult, Task>? _continueSigned;

    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (_selector is null
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<RouteModel>() is null
            || endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null
            || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null)
        {
            return aspNet(context);
        }

        var scheme = _selector(context);
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        if (string.Equals(scheme, GatewayAuthenticationDefaults.ApiKeyScheme, StringComparison.Ordinal))
        {
            var credential = ApiKeyAuthenticator.HasCredentialHeader(context.Request.Headers);
            return (anonymous, credential) switch
            {
                (true, false) => next(context),
                (false, true) => AuthenticateAsync(context, GatewayAuthenticationDefaults.ApiKeyScheme, apiKey.AuthenticateAsync(context)),
                _ => aspNet(context),
            };
        }

        // The selector picks the signature scheme only for a request a signature scheme recognises: a credential.
        return !anonymous && signature is not null && string.Equals(scheme, GatewayAuthenticationDefaults.SignatureScheme, StringComparison.Ordinal)
            ? signature.AuthenticateThenAsync(context, _continueSigned ??= ContinueSigned) // one state machine while Redis answers
            : aspNet(context);
    }

    // Not async: a completed authentication (a bearer cache hit) continues without a state machine here.
    private Task AuthenticateAsync(HttpContext context, string scheme, Task<AuthenticateResult> authentication) =>
        authentication.IsCompletedSuccessfully
            ? Continue(context, scheme, authentication.Result)
            : ContinueAsync(context, scheme, authentication);

    private async Task ContinueAsync(HttpContext context, string scheme, Task<AuthenticateResult> authentication) =>
        await Continue(context, scheme, await authentication);

    private Task ContinueSigned(HttpContext context, AuthenticateResult result) =>
        Continue(context, GatewayAuthenticationDefaults.SignatureScheme, result);

    private Task Continue(HttpContext context, string scheme, AuthenticateResult result)
    {
        if (result is SharedSuccessResult { Caller: { } caller } shared)
        {
            // A credential's shared success holds its caller, credential and principal: on a cache hit none of the
            // ticket, the principal or the credential feature is read back (each a cold object under a wide key
            // stream), and the caller rides on the request for the identity headers and the audit (GatewayIdentity.Of).
            if (Admits(context, caller, shared.Credential))
            {
                context.User = shared.User;
                context.Features.Set(caller);
                return next(context);
            }
        }
        else if (result.Succeeded && result.Principal is { } user
            && GatewayIdentity.From(user) is { } identity // authenticated (remembered with a cached principal: no identity enumerator)
            && context.Features.Get<GatewayCredentialFeature>() is { } feature
            && Admits(context, identity, feature.Credential))
        {
            context.User = user;
            return next(context);
        }

        context.Features.Set(new EarlyAuthenticationResult(scheme, result));
        return aspNet(context);
    }

    // The fallback policy: an authenticated user (DenyAnonymousAuthorizationRequirement: a caller), then AccessRequirements.All.
    private static bool Admits(HttpContext context, GatewayIdentity caller, Accounts.Credential credential) =>
        IpAllowlistHandler.Admits(credential, context.Connection.RemoteIpAddress)
        && RouteTenancyHandler.Denial(context, credential.Account) is null
        && RouteScopesHandler.MissingScope(context, caller) is null; // the caller's scopes: its claims are not made
}
