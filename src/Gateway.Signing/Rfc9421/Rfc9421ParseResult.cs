namespace Gateway.Signing.Rfc9421;

/// <summary>
/// The outcome of parsing a request's <c>Signature-Input</c> and <c>Signature</c> headers: a header-level
/// <see cref="Error"/> or every signature found (each with its own <see cref="Rfc9421Signature.Error"/>).
/// </summary>
public sealed class Rfc9421ParseResult
{
    internal Rfc9421ParseResult(Rfc9421Error error, IReadOnlyList<Rfc9421Signature> signatures)
    {
        Error = error;
        Signatures = signatures;
    }

    /// <summary>
    /// A header-level failure (missing or malformed headers, duplicate labels), or <see cref="Rfc9421Error.None"/>.
    /// Per-signature failures are on each <see cref="Rfc9421Signature"/>.
    /// </summary>
    public Rfc9421Error Error { get; }

    /// <summary>Every signature in <c>Signature-Input</c> order; empty when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<Rfc9421Signature> Signatures { get; }

    /// <summary>
    /// Selects the signature to verify. With a <paramref name="label"/>, that signature (or
    /// <see cref="Rfc9421Error.LabelNotFound"/>); without one, the first signature that parsed correctly, or the
    /// first signature's error when none did. Returns <see cref="Rfc9421Error.None"/> with a valid signature;
    /// otherwise the reason, with <paramref name="signature"/> set to the failing entry when there is one.
    /// </summary>
    public Rfc9421Error TrySelect(string? label, out Rfc9421Signature? signature)
    {
        signature = null;
        if (Error != Rfc9421Error.None)
        {
            return Error;
        }

        for (var i = 0; i < Signatures.Count; i++)
        {
            var candidate = Signatures[i];
            if (label is null ? candidate.IsValid : string.Equals(candidate.Label, label, StringComparison.Ordinal))
            {
                signature = candidate;
                return candidate.Error;
            }
        }

        return label is null ? Signatures[0].Error : Rfc9421Error.LabelNotFound;
    }
}
