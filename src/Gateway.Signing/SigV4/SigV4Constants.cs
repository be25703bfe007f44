namespace Gateway.Signing.SigV4;

/// <summary>Names, formats and defaults of AWS Signature Version 4 as the gateway uses it.</summary>
public static class SigV4Constants
{
    /// <summary>The algorithm and Authorization scheme: <c>AWS4-HMAC-SHA256</c>.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The <c>Authorization</c> header.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>The <c>X-Amz-Date</c> header (basic ISO 8601, <see cref="AmzDateFormat"/>).</summary>
    public const string AmzDateHeader = "X-Amz-Date";

    /// <summary>The <c>X-Amz-Content-Sha256</c> header (hex SHA-256 of the body, or <see cref="UnsignedPayload"/>).</summary>
    public const string ContentSha256Header = "X-Amz-Content-Sha256";

    /// <summary>The <c>X-Amz-Date</c> format: <c>yyyyMMddTHHmmssZ</c> (UTC).</summary>
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The credential scope date format: <c>yyyyMMdd</c>.</summary>
    public const string DateStampFormat = "yyyyMMdd";

    /// <summary>The credential scope terminator: <c>aws4_request</c>.</summary>
    public const string Terminator = "aws4_request";

    /// <summary>The payload hash value meaning "body not signed": <c>UNSIGNED-PAYLOAD</c>.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The hex SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The default region: <c>us-east-1</c>.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>The default service name: <c>gateway</c>.</summary>
    public const string DefaultService = "gateway";
}
