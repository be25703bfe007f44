namespace Gateway.Signing.Digests;

/// <summary>The outcome of checking a <c>Content-Digest</c> header against a body.</summary>
public enum ContentDigestStatus
{
    /// <summary>Every supported digest present matches the body.</summary>
    Valid = 0,

    /// <summary>No <c>Content-Digest</c> header.</summary>
    Missing,

    /// <summary>The header is not a valid RFC 8941 dictionary, is empty, repeats a supported algorithm, or a supported algorithm's value is not a byte sequence.</summary>
    Malformed,

    /// <summary>The header is well-formed but names neither <c>sha-256</c> nor <c>sha-512</c>.</summary>
    NoSupportedAlgorithm,

    /// <summary>A supported digest does not match the body.</summary>
    Mismatch,
}
