namespace Gateway.Cli;

/// <summary>How an HMAC profile signs its requests.</summary>
public enum SignatureScheme
{
    /// <summary>RFC 9421 HTTP Message Signatures, <c>hmac-sha256</c> (default).</summary>
    Rfc9421,

    /// <summary>AWS Signature Version 4.</summary>
    SigV4,
}
