using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Gateway.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.ProxyAccess;

/// <summary>
/// Whether the <see cref="ProxyAccessMiddleware"/> may answer for ASP.NET Core: only when the authentication and
/// authorization set-up is the gateway's own — the policy scheme is the default authenticate scheme and picks the
/// handler with a selector, the key and signature schemes are handled by the gateway's own handlers (whose
/// authenticators the step runs), no scheme handles requests by itself, claims are not transformed, the fallback policy
/// is "authenticated user + <see cref="AccessRequirements.All"/>" with the policy scheme, and the authorization
/// services and handlers are the default ones and the gateway's. Anything else (a test or a later feature that adds
/// a handler, a claims transformation, another policy provider) switches the step off, so ASP.NET Core decides.
/// </summary>
public sealed class ProxyAccessConditions
{
    private static readonly HashSet<Type> KnownHandlers =
    [
        typeof(PassThroughAuthorizationHandler), typeof(IpAllowlistHandler), typeof(RouteTenancyHandler),
        typeof(RouteScopesHandler), typeof(ScopeAuthorizationHandler),
    ];

    /// <summary>Evaluates the conditions against <paramref name="services"/> (the application's root provider).</summary>
    public ProxyAccessConditions(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        Reasons = [.. Check(scope.ServiceProvider)];
        if (Reasons.Count == 0)
        {
            Selector = services.GetRequiredService<IOptionsMonitor<PolicySchemeOptions>>()
                .Get(GatewayAuthenticationDefaults.PolicyScheme).ForwardDefaultSelector;
        }
    }

    /// <summary>The policy scheme's handler selector; <c>null</c> when the step is off.</summary>
    public Func<Microsoft.AspNetCore.Http.HttpContext, string?>? Selector { get; }

    /// <summary>Why the step is off (empty when it is on).</summary>
    public IReadOnlyList<string> Reasons { get; }

    private static IEnumerable<string> Check(IServiceProvider services)
    {
        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        if (schemes.GetDefaultAuthenticateSchemeAsync().GetAwaiter().GetResult()?.Name != GatewayAuthenticationDefaults.PolicyScheme)
        {
            yield return "the default authenticate scheme is not the gateway policy scheme";
        }

        if (!IsHandler(schemes, GatewayAuthenticationDefaults.ApiKeyScheme, typeof(ApiKeyAuthenticationHandler), required: true)
            || !IsHandler(schemes, GatewayAuthenticationDefaults.SignatureScheme, typeof(SignatureAuthenticationHandler), required: false))
        {
            yield return "a credential scheme is not handled by the gateway's own handler";
        }

        if (schemes.GetRequestHandlerSchemesAsync().GetAwaiter().GetResult().Any())
        {
            yield return "a scheme handles requests itself";
        }

        var policy = services.GetRequiredService<IOptionsMonitor<PolicySchemeOptions>>().Get(GatewayAuthenticationDefaults.PolicyScheme);
        if (policy.ForwardDefaultSelector is null || policy.ForwardAuthenticate is not null)
        {
            yield return "the policy scheme does not choose the handler with its selector";
        }

        if (services.GetService<IClaimsTransformation>() is not NoopClaimsTransformation)
        {
            yield return "claims are transformed";
        }

        if (!IsFramework<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>(services)
            || !IsFramework<IAuthorizationHandlerProvider, DefaultAuthorizationHandlerProvider>(services)
            || !IsFramework<IAuthorizationService, DefaultAuthorizationService>(services)
            || !IsFramework<IPolicyEvaluator, PolicyEvaluator>(services)
            || services.GetService<IAuthorizationMiddlewareResultHandler>() is not GatewayAuthorizationResultHandler)
        {
            yield return "an authorization service is replaced";
        }

        if (!IsGatewayPolicy(services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy))
        {
            yield return "the fallback policy is not the gateway's";
        }

        if (services.GetServices<IAuthorizationHandler>().Any(handler => !KnownHandlers.Contains(handler.GetType())))
        {
            yield return "another authorization handler is registered";
        }
    }

    // The step runs these handlers' authenticators itself, so the schemes must be theirs (the signature scheme may be absent).
    private static bool IsHandler(IAuthenticationSchemeProvider schemes, string name, Type handler, bool required) =>
        schemes.GetSchemeAsync(name).GetAwaiter().GetResult() is { } scheme ? scheme.HandlerType == handler : !required;

    // The framework's implementation (it registers internal subclasses of some, e.g. DefaultAuthorizationServiceImpl).
    private static bool IsFramework<TService, TDefault>(IServiceProvider services)
        where TService : class =>
        services.GetService<TService>() is TDefault and { } service && service.GetType().Assembly == typeof(TDefault).Assembly;

    private static bool IsGatewayPolicy(AuthorizationPolicy? policy) =>
        policy is not null
        && policy.AuthenticationSchemes is [GatewayAuthenticationDefaults.PolicyScheme]
        && policy.Requirements.Count == AccessRequirements.All.Length + 1
        && policy.Requirements[0] is DenyAnonymousAuthorizationRequirement
        && policy.Requirements.Skip(1).SequenceEqual(AccessRequirements.All);
}
