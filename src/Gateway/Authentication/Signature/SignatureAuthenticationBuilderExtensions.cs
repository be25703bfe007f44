using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Authentication.Signature;

/// <summary>Adds the signed-request schemes (RFC 9421 and AWS SigV4) with their settings, <c>Gateway:Signing</c>.</summary>
public static class SignatureAuthenticationBuilderExtensions
{
    /// <summary>Adds <c>Gateway:Signing</c>, the per-credential secret cache and the <see cref="GatewayAuthenticationDefaults.SignatureScheme"/> handler.</summary>
    public static GatewayAuthenticationBuilder AddSignatures(this GatewayAuthenticationBuilder builder, IConfiguration configuration)
    {
        builder.Services.AddValidatedOptions<SigningOptions, SigningOptionsValidator>(configuration.GetSection(SigningOptions.SectionName));
        builder.Services.AddSingleton<SigningSecrets>();
        builder.Authentication.AddScheme<SignatureAuthenticationOptions, SignatureAuthenticationHandler>(GatewayAuthenticationDefaults.SignatureScheme, null);
        return builder;
    }
}
