using Gateway.Signing.Internal;
using Gateway.Signing.StructuredFields;

namespace Gateway.Signing.Rfc9421;

/// <summary>
/// Parses RFC 9421 <c>Signature-Input</c> / <c>Signature</c> headers into <see cref="Rfc9421Signature"/>s.
/// Strict: every malformed input yields an <see cref="Rfc9421Error"/>; nothing throws for any header value.
/// </summary>
public static class Rfc9421Parser
{
    /// <summary>
    /// Parses the request's headers; multiple field lines of each header are combined with <c>", "</c> first.
    /// </summary>
    public static Rfc9421ParseResult Parse(ISignableRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Parse(
            HeaderValues.Combine(request, Rfc9421Constants.SignatureInputHeader),
            HeaderValues.Combine(request, Rfc9421Constants.SignatureHeader));
    }

    /// <summary>
    /// Parses the request's headers as <see cref="Parse(ISignableRequest)"/> does and selects the signature that
    /// <see cref="Rfc9421ParseResult.TrySelect"/> picks without a label (the first valid one): the error of the parse or
    /// of that selection, <see cref="Rfc9421Error.None"/> with <paramref name="signature"/> set. The shapes signed
    /// requests carry cost only the signature: no result object and no array around it.
    /// </summary>
    public static Rfc9421Error ParseFirst(ISignableRequest request, out Rfc9421Signature? signature)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signatureInput = HeaderValues.Combine(request, Rfc9421Constants.SignatureInputHeader);
        var header = HeaderValues.Combine(request, Rfc9421Constants.SignatureHeader);
        if (signatureInput is not null && header is not null && Rfc9421DirectParser.TryParseFirst(signatureInput, header) is { } first)
        {
            signature = first;
            return Rfc9421Error.None;
        }

        var parsed = Parse(signatureInput, header);
        signature = null;
        return parsed.Error != Rfc9421Error.None ? parsed.Error : parsed.TrySelect(null, out signature);
    }

    /// <summary>
    /// Parses the two header values (either may be <see langword="null"/> when absent). The shapes signed requests
    /// carry are read directly (<see cref="Rfc9421DirectParser"/>, allocating only the result); everything else,
    /// every failure included, goes through the general RFC 8941 parser (<see cref="ParseGeneral"/>), which decides.
    /// </summary>
    public static Rfc9421ParseResult Parse(string? signatureInput, string? signature)
    {
        if (signatureInput is null)
        {
            return Failed(Rfc9421Error.MissingSignatureInput);
        }

        if (signature is null)
        {
            return Failed(Rfc9421Error.MissingSignature);
        }

        return Rfc9421DirectParser.TryParse(signatureInput, signature) ?? ParseGeneral(signatureInput, signature);
    }

    /// <summary>Parses the two present header values through the general RFC 8941 dictionary parser.</summary>
    internal static Rfc9421ParseResult ParseGeneral(string signatureInput, string signature)
    {
        if (!StructuredFieldParser.TryParseDictionary(signatureInput, out var inputs) || inputs.Members.Count == 0)
        {
            return Failed(Rfc9421Error.MalformedSignatureInput);
        }

        if (!StructuredFieldParser.TryParseDictionary(signature, out var signatures) || signatures.Members.Count == 0)
        {
            return Failed(Rfc9421Error.MalformedSignature);
        }

        if (inputs.HasDuplicateKeys || signatures.HasDuplicateKeys)
        {
            return Failed(Rfc9421Error.DuplicateLabel);
        }

        var parsed = new Rfc9421Signature[inputs.Members.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            var member = inputs.Members[i];
            parsed[i] = !signatures.TryGet(member.Key, out var signatureMember)
                ? Rfc9421Signature.Invalid(member.Key, Rfc9421Error.MissingSignatureForLabel)
                : signatureMember!.Item is not { Value: { Kind: SfItemKind.ByteSequence, Bytes: { } bytes } }
                    ? Rfc9421Signature.Invalid(member.Key, Rfc9421Error.InvalidSignatureValue)
                    : ParseMember(member, bytes);
        }

        return new Rfc9421ParseResult(Rfc9421Error.None, parsed);
    }

    /// <summary>Interprets one <c>Signature-Input</c> member, with <paramref name="signature"/> as its value.</summary>
    internal static Rfc9421Signature ParseMember(SfDictionaryMember member, byte[] signature)
    {
        var label = member.Key;
        if (member.InnerList is not { } innerList)
        {
            return Rfc9421Signature.Invalid(label, Rfc9421Error.InvalidSignatureInputMember);
        }

        var components = new SignatureComponent[innerList.Items.Count];
        for (var i = 0; i < components.Length; i++)
        {
            var error = TryParseComponent(innerList.Items[i], out var component);
            if (error != Rfc9421Error.None)
            {
                return Rfc9421Signature.Invalid(label, error);
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(components[j].Name, component!.Name, StringComparison.Ordinal))
                {
                    return Rfc9421Signature.Invalid(label, Rfc9421Error.DuplicateComponent);
                }
            }

            components[i] = component!;
        }

        var parameters = innerList.Parameters;
        if (parameters.HasDuplicateKeys)
        {
            return Rfc9421Signature.Invalid(label, Rfc9421Error.DuplicateParameter);
        }

        long? created = null, expires = null;
        string? nonce = null, keyId = null, algorithm = null, tag = null;
        foreach (var (key, value) in parameters.Entries)
        {
            switch (key)
            {
                case "created":
                    if (!TryGetTimestamp(value, out var createdValue))
                    {
                        return Rfc9421Signature.Invalid(label, Rfc9421Error.InvalidCreated);
                    }

                    created = createdValue;
                    break;
                case "expires":
                    if (!TryGetTimestamp(value, out var expiresValue))
                    {
                        return Rfc9421Signature.Invalid(label, Rfc9421Error.InvalidExpires);
                    }

                    expires = expiresValue;
                    break;
                case "nonce":
                    if (value.Kind != SfItemKind.String)
                    {
                        return Rfc9421Signature.Invalid(label, Rfc9421Error.InvalidNonce);
                    }

                    nonce = value.Text;
                    break;
                case "keyid":
                    if (value.Kind != SfItemKind.String)
                    {
                        return Rfc9421Signature.Invalid(label, Rfc9421Error.InvalidKeyId);
                    }

                    keyId = value.Text;
                    break;
                case "alg":
                    if (value.Kind != SfItemKind.String || value.Text != Rfc9421Constants.HmacSha256)
                    {
                        return Rfc9421Signature.Invalid(label, Rfc9421Error.UnsupportedAlgorithm);
                    }

                    algorithm = value.Text;
                    break;
                case "tag":
                    if (value.Kind != SfItemKind.String)
                    {
                        return Rfc9421Signature.Invalid(label, Rfc9421Error.InvalidTag);
                    }

                    tag = value.Text;
                    break;
                default:
                    // RFC 9421 §2.3: unknown parameters are signed (they are part of @signature-params) and ignored.
                    break;
            }
        }

        return new Rfc9421Signature(label, components, innerList.Serialized, signature, created, expires, nonce, keyId, algorithm, tag);
    }

    private static Rfc9421Error TryParseComponent(SfItem item, out SignatureComponent? component)
    {
        component = null;
        if (item.Value.Kind != SfItemKind.String || item.Value.Text is not { Length: > 0 } name)
        {
            return Rfc9421Error.InvalidComponentIdentifier;
        }

        if (name[0] == '@')
        {
            if (name == "@signature-params")
            {
                return Rfc9421Error.InvalidComponentIdentifier;
            }

            if (!Rfc9421Components.IsSupportedDerived(name))
            {
                return Rfc9421Error.UnsupportedDerivedComponent;
            }
        }
        else if (!HttpToken.IsLowercaseToken(name))
        {
            return Rfc9421Error.InvalidComponentIdentifier;
        }

        if (item.Parameters.Count > 0)
        {
            return Rfc9421Error.UnsupportedComponentParameter;
        }

        component = SignatureComponent.For(name);
        return Rfc9421Error.None;
    }

    private static bool TryGetTimestamp(SfBareItem value, out long seconds)
    {
        seconds = value.Integer;
        return value.Kind == SfItemKind.Integer
            && seconds >= 0
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    }

    private static Rfc9421ParseResult Failed(Rfc9421Error error) => new(error, []);
}
