namespace Gateway.Signing.Internal;

/// <summary>
/// The dictionary keys, parameter names and string values that nearly every signed request repeats (signature
/// labels, RFC 9421 parameters and component names, digest algorithms, SigV4 scopes and header names): parsing hands
/// out these constant instances instead of allocating a new string for each occurrence. Any other text is allocated
/// as usual, so results are the same either way.
/// </summary>
internal static class CommonStrings
{
    private static readonly string[] Known =
    [
        "sig1", "sig", "created", "expires", "nonce", "keyid", "alg", "tag", "hmac-sha256",
        "@method", "@authority", "@path", "@query", "@target-uri", "@scheme", "@request-target",
        "content-digest", "content-type", "content-length", "date", "sha-256", "sha-512",
        "host", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "us-east-1", "gateway", "s3", "execute-api",
    ];

    /// <summary><paramref name="value"/> as a string: one of the known instances when it equals one, else a new string.</summary>
    public static string Get(ReadOnlySpan<char> value)
    {
        foreach (var known in Known)
        {
            if (known.Length == value.Length && value.SequenceEqual(known))
            {
                return known;
            }
        }

        return value.ToString();
    }
}
