namespace Gateway.Signing.Rfc9421;

/// <summary>Header names, algorithm and defaults of RFC 9421 HTTP Message Signatures as the gateway uses them.</summary>
public static class Rfc9421Constants
{
    /// <summary>The <c>Signature-Input</c> header.</summary>
    public const string SignatureInputHeader = "Signature-Input";

    /// <summary>The <c>Signature</c> header.</summary>
    public const string SignatureHeader = "Signature";

    /// <summary>The only supported algorithm, <c>hmac-sha256</c> (RFC 9421 §3.3.3).</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>The signature label the client uses by default: <c>sig1</c>.</summary>
    public const string DefaultLabel = "sig1";

    /// <summary>The length of an HMAC-SHA256 signature in bytes (32).</summary>
    public const int SignatureLength = 32;
}
