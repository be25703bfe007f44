using Gateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Authentication.Signature;

/// <summary>
/// Adds the signed-request handler with its settings (<c>Gateway:Signing</c>), and each signature scheme with one call
/// (<c>.AddRfc9421()</c>, <c>.AddSigV4()</c>, each defined in the scheme's folder with <see cref="AddSignatureScheme{TScheme}"/>).
/// </summary>
public static class SignatureAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds <c>Gateway:Signing</c>, the per-credential secret cache, the <see cref="GatewayAuthenticationDefaults.SignatureScheme"/>
    /// handler, and makes the policy scheme send every request a registered signature scheme recognises to it.
    /// </summary>
    public static GatewayAuthenticationBuilder AddSignatures(this GatewayAuthenticationBuilder builder, IConfiguration configuration)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SigningOptions, SigningOptionsValidator>(configuration.GetSection(SigningOptions.SectionName));
        services.AddSingleton<SigningSecrets>();
        services.AddSingleton<SignatureSchemes>();
        services.AddSingleton<SignatureAuthenticator>();
        services.AddOptions<PolicySchemeOptions>(GatewayAuthenticationDefaults.PolicyScheme).Configure<SignatureSchemes>((policy, schemes) =>
            policy.ForwardDefaultSelector = context => schemes.Detects(context.Request.Headers)
                ? GatewayAuthenticationDefaults.SignatureScheme
                : GatewayAuthenticationDefaults.ApiKeyScheme);
        builder.Authentication.AddScheme<SignatureAuthenticationOptions, SignatureAuthenticationHandler>(GatewayAuthenticationDefaults.SignatureScheme, null);
        return builder;
    }

    /// <summary>
    /// Registers <typeparamref name="TScheme"/>, its challenge, its credential headers (stripped before forwarding) and its metric label;
    /// schemes are tried in registration order.
    /// </summary>
    public static GatewayAuthenticationBuilder AddSignatureScheme<TScheme>(this GatewayAuthenticationBuilder builder)
        where TScheme : class, ISignatureScheme, new()
    {
        var scheme = new TScheme();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISignatureScheme>(scheme));
        builder.Services.AddSingleton(new AuthenticationChallenge(scheme.Challenge));
        builder.Services.AddCredentialHeaders(scheme.CredentialHeaders);
        builder.Services.AddSingleton(new MeteredScheme(scheme.Name, RejectsReplays: true));
        return builder;
    }
}
