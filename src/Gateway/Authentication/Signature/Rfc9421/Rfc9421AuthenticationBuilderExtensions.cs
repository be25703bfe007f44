namespace Gateway.Authentication.Signature.Rfc9421;

/// <summary>Adds RFC 9421 HTTP Message Signatures.</summary>
public static class Rfc9421AuthenticationBuilderExtensions
{
    /// <summary>Registers <see cref="Rfc9421Scheme"/> (call after <c>AddSignatures</c>).</summary>
    public static GatewayAuthenticationBuilder AddRfc9421(this GatewayAuthenticationBuilder builder) =>
        builder.AddSignatureScheme<Rfc9421Scheme>();
}
