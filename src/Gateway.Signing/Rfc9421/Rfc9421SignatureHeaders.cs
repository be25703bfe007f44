namespace Gateway.Signing.Rfc9421;

/// <summary>The header values produced by <see cref="Rfc9421Signer"/>.</summary>
/// <param name="SignatureInput">The <c>Signature-Input</c> value, e.g. <c>sig1=("@method");created=1;keyid="k"</c>.</param>
/// <param name="Signature">The <c>Signature</c> value, e.g. <c>sig1=:base64:</c>.</param>
public sealed record Rfc9421SignatureHeaders(string SignatureInput, string Signature);
