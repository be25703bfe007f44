namespace Gateway.Authentication;

/// <summary>Values of <c>X-Gateway-Auth-Scheme</c>: how the caller proved its identity.</summary>
public static class AuthSchemeNames
{
    /// <summary>Bearer API key.</summary>
    public const string ApiKey = "api-key";

    /// <summary>RFC 9421 HTTP Message Signature.</summary>
    public const string Rfc9421 = "rfc9421";

    /// <summary>AWS Signature Version 4.</summary>
    public const string AwsSigV4 = "aws-sigv4";
}
