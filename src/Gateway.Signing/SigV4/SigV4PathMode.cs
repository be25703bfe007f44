namespace Gateway.Signing.SigV4;

/// <summary>How the canonical URI is derived from the path as sent.</summary>
public enum SigV4PathMode
{
    /// <summary>
    /// The default, as AWS does for every service but S3 (and as botocore and the AWS SDKs sign): remove <c>.</c> and
    /// <c>..</c> segments and empty segments, then URI-encode each segment of the path as sent (so an already
    /// percent-encoded <c>%20</c> becomes <c>%2520</c>). This is what the AWS SigV4 test suite expects.
    /// </summary>
    Normalized = 0,

    /// <summary>
    /// The path exactly as sent, neither normalised nor re-encoded (S3-style single encoding; what curl's
    /// <c>--aws-sigv4</c> before 8.x signs). Differs from <see cref="Normalized"/> only for paths containing
    /// percent-escapes, dot segments or repeated slashes.
    /// </summary>
    AsSent = 1,
}
