namespace Gateway.Signing.SigV4;

/// <summary>
/// Why an AWS SigV4 request could not be parsed or verified. <see cref="None"/> means success.
/// <see cref="MissingAuthorization"/> and <see cref="NotSigV4"/> mean "not a SigV4 credential"; the rest are bad credentials.
/// </summary>
public enum SigV4Error
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>No <c>Authorization</c> header.</summary>
    MissingAuthorization,

    /// <summary>The <c>Authorization</c> header uses another scheme (e.g. <c>Bearer</c>).</summary>
    NotSigV4,

    /// <summary>The <c>Authorization</c> header is not <c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> (bad separators, unknown or repeated parts, several header lines).</summary>
    MalformedAuthorization,

    /// <summary>No <c>Credential=</c> part.</summary>
    MissingCredential,

    /// <summary>The credential is not <c>AKID/yyyymmdd/region/service/aws4_request</c> with non-empty parts.</summary>
    MalformedCredential,

    /// <summary>The credential date is not a valid <c>yyyymmdd</c> date.</summary>
    InvalidCredentialDate,

    /// <summary>The credential does not end with <c>aws4_request</c>.</summary>
    InvalidCredentialTerminator,

    /// <summary>No <c>SignedHeaders=</c> part.</summary>
    MissingSignedHeaders,

    /// <summary>SignedHeaders is empty, not lowercase, not sorted, or repeats a name.</summary>
    MalformedSignedHeaders,

    /// <summary>No <c>Signature=</c> part.</summary>
    MissingSignature,

    /// <summary>The signature is not 64 hexadecimal characters.</summary>
    MalformedSignature,

    /// <summary>No <c>X-Amz-Date</c> header.</summary>
    MissingDate,

    /// <summary><c>X-Amz-Date</c> is not a single <c>yyyyMMddTHHmmssZ</c> value.</summary>
    InvalidDate,

    /// <summary>The <c>X-Amz-Date</c> day differs from the credential scope date.</summary>
    DateScopeMismatch,

    /// <summary><c>host</c> is not among the signed headers.</summary>
    HostNotSigned,

    /// <summary><c>x-amz-date</c> is not among the signed headers.</summary>
    DateNotSigned,

    /// <summary>A signed header is absent from the request.</summary>
    MissingSignedHeader,

    /// <summary>The signature does not match the request.</summary>
    SignatureMismatch,
}
