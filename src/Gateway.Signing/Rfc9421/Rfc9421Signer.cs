using System.Security.Cryptography;
using System.Text;
using Gateway.Signing.StructuredFields;

namespace Gateway.Signing.Rfc9421;

/// <summary>
/// Produces RFC 9421 <c>hmac-sha256</c> <c>Signature-Input</c> and <c>Signature</c> values for a request. The
/// signature base is built by the same code the verifier uses, so a signed request always verifies.
/// </summary>
public static class Rfc9421Signer
{
    /// <summary>Signs with the gateway's secret string (its UTF-8 bytes are the HMAC key).</summary>
    public static Rfc9421SignatureHeaders Sign(ISignableRequest request, Rfc9421SigningParameters parameters, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Encoding.UTF8.GetBytes(secret);
        try
        {
            return Sign(request, parameters, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Signs with raw key bytes. Throws <see cref="ArgumentException"/> for parameters that cannot be serialized
    /// or components that are not supported, and <see cref="InvalidOperationException"/> when a covered header is
    /// missing from the request.
    /// </summary>
    public static Rfc9421SignatureHeaders Sign(ISignableRequest request, Rfc9421SigningParameters parameters, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        var signatureInput = BuildSignatureInput(parameters);
        if (!StructuredFieldParser.TryParseDictionary(signatureInput, out var dictionary) || dictionary.Members.Count != 1)
        {
            throw new ArgumentException("The signing parameters do not form a valid Signature-Input.", nameof(parameters));
        }

        var signature = Rfc9421Parser.ParseMember(dictionary.Members[0], []);
        if (!signature.IsValid)
        {
            throw new ArgumentException($"The signing parameters are not valid: {signature.Error}.", nameof(parameters));
        }

        var mac = Rfc9421Verifier.ComputeSignature(request, signature, key, out var error);
        if (error != Rfc9421Error.None)
        {
            throw new InvalidOperationException($"The request cannot be signed: {error}.");
        }

        return new Rfc9421SignatureHeaders(signatureInput, parameters.Label + "=:" + Convert.ToBase64String(mac) + ":");
    }

    private static string BuildSignatureInput(Rfc9421SigningParameters parameters)
    {
        if (!SfSerializer.IsValidKey(parameters.Label))
        {
            throw new ArgumentException("The label must be a lowercase structured-field key.", nameof(parameters));
        }

        var builder = new StringBuilder(256);
        builder.Append(parameters.Label).Append("=(");
        for (var i = 0; i < parameters.Components.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            AppendString(builder, parameters.Components[i], "component");
        }

        builder.Append(");created=");
        SfSerializer.AppendInteger(builder, parameters.Created.ToUnixTimeSeconds());
        if (parameters.Expires is { } expires)
        {
            builder.Append(";expires=");
            SfSerializer.AppendInteger(builder, expires.ToUnixTimeSeconds());
        }

        builder.Append(";keyid=");
        AppendString(builder, parameters.KeyId, "keyid");
        AppendOptional(builder, "nonce", parameters.Nonce);
        AppendOptional(builder, "alg", parameters.Algorithm);
        AppendOptional(builder, "tag", parameters.Tag);
        return builder.ToString();
    }

    private static void AppendOptional(StringBuilder builder, string name, string? value)
    {
        if (value is not null)
        {
            builder.Append(';').Append(name).Append('=');
            AppendString(builder, value, name);
        }
    }

    private static void AppendString(StringBuilder builder, string value, string what)
    {
        if (value is null || !SfSerializer.IsValidString(value))
        {
            throw new ArgumentException($"The {what} must be printable ASCII.", nameof(value));
        }

        SfSerializer.AppendString(builder, value);
    }
}
