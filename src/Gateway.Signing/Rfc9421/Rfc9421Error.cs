namespace Gateway.Signing.Rfc9421;

/// <summary>
/// Why an RFC 9421 signature could not be parsed, checked or verified. <see cref="None"/> means success.
/// <see cref="MissingSignatureInput"/> means "not an RFC 9421 credential"; every other value is a bad credential.
/// </summary>
public enum Rfc9421Error
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The request has no <c>Signature-Input</c> header.</summary>
    MissingSignatureInput,

    /// <summary>The request has <c>Signature-Input</c> but no <c>Signature</c> header.</summary>
    MissingSignature,

    /// <summary><c>Signature-Input</c> is not a valid, non-empty RFC 8941 dictionary.</summary>
    MalformedSignatureInput,

    /// <summary><c>Signature</c> is not a valid, non-empty RFC 8941 dictionary.</summary>
    MalformedSignature,

    /// <summary>A label occurs twice in <c>Signature-Input</c> or in <c>Signature</c>.</summary>
    DuplicateLabel,

    /// <summary>The requested label is not present in <c>Signature-Input</c>.</summary>
    LabelNotFound,

    /// <summary>A <c>Signature-Input</c> member is not an inner list.</summary>
    InvalidSignatureInputMember,

    /// <summary>The <c>Signature</c> header has no member for the label.</summary>
    MissingSignatureForLabel,

    /// <summary>The <c>Signature</c> member for the label is not a byte sequence.</summary>
    InvalidSignatureValue,

    /// <summary>A covered component is not a string, is empty, not lowercase, or is <c>@signature-params</c>.</summary>
    InvalidComponentIdentifier,

    /// <summary>The same component is covered twice.</summary>
    DuplicateComponent,

    /// <summary>A derived component other than those in <see cref="Rfc9421Components"/> (e.g. <c>@query-param</c>, <c>@status</c>).</summary>
    UnsupportedDerivedComponent,

    /// <summary>A component carries parameters (<c>;sf</c>, <c>;bs</c>, <c>;req</c>, <c>;key</c>, <c>;tr</c>, …), which are not supported.</summary>
    UnsupportedComponentParameter,

    /// <summary>A signature parameter occurs twice.</summary>
    DuplicateParameter,

    /// <summary><c>created</c> is not a non-negative integer representable as a date.</summary>
    InvalidCreated,

    /// <summary><c>expires</c> is not a non-negative integer representable as a date.</summary>
    InvalidExpires,

    /// <summary><c>nonce</c> is not a string.</summary>
    InvalidNonce,

    /// <summary><c>keyid</c> is not a string.</summary>
    InvalidKeyId,

    /// <summary><c>tag</c> is not a string.</summary>
    InvalidTag,

    /// <summary><c>alg</c> is present and is not the string <c>hmac-sha256</c>.</summary>
    UnsupportedAlgorithm,

    /// <summary>A covered header is absent from the request.</summary>
    MissingComponentValue,

    /// <summary>A covered value contains CR, LF or NUL and cannot be placed in a signature base.</summary>
    InvalidComponentValue,

    /// <summary>A component the gateway requires (see <see cref="Rfc9421Requirements"/>) is not covered.</summary>
    MissingRequiredComponent,

    /// <summary>The required <c>created</c> parameter is absent.</summary>
    MissingCreated,

    /// <summary>The required <c>nonce</c> parameter is absent or empty.</summary>
    MissingNonce,

    /// <summary>The signature does not match the request.</summary>
    SignatureMismatch,
}
