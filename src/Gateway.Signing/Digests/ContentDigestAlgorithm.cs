namespace Gateway.Signing.Digests;

/// <summary>The RFC 9530 <c>Content-Digest</c> algorithms supported.</summary>
public enum ContentDigestAlgorithm
{
    /// <summary><c>sha-256</c> (the client's default).</summary>
    Sha256,

    /// <summary><c>sha-512</c>.</summary>
    Sha512,
}
