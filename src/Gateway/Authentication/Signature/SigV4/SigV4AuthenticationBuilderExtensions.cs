namespace Gateway.Authentication.Signature.SigV4;

/// <summary>Adds AWS Signature Version 4.</summary>
public static class SigV4AuthenticationBuilderExtensions
{
    /// <summary>Registers <see cref="SigV4Scheme"/> (call after <c>AddSignatures</c>).</summary>
    public static GatewayAuthenticationBuilder AddSigV4(this GatewayAuthenticationBuilder builder) =>
        builder.AddSignatureScheme<SigV4Scheme>();
}
