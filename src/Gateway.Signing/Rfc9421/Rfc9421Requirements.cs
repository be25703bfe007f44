namespace Gateway.Signing.Rfc9421;

/// <summary>
/// The gateway's policy for RFC 9421 signatures (docs/SIGNING.md): <c>@method</c>, <c>@authority</c>, <c>@path</c> must
/// be covered, <c>@query</c> when the URL has a non-empty query (<c>Query.Length &gt; 1</c>), <c>content-digest</c>
/// when there is a body; <c>created</c> and a non-empty <c>nonce</c> must be present.
/// </summary>
public static class Rfc9421Requirements
{
    /// <summary>Returns the first unmet requirement, or <see cref="Rfc9421Error.None"/>.</summary>
    public static Rfc9421Error Check(Rfc9421Signature signature, ISignableRequest request, bool hasBody)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(request);
        if (!signature.IsValid)
        {
            return signature.Error;
        }

        if (!signature.Covers(Rfc9421Components.Method)
            || !signature.Covers(Rfc9421Components.Authority)
            || !signature.Covers(Rfc9421Components.Path)
            || (HasQuery(request) && !signature.Covers(Rfc9421Components.Query))
            || (hasBody && !signature.Covers(Rfc9421Components.ContentDigest)))
        {
            return Rfc9421Error.MissingRequiredComponent;
        }

        if (signature.Created is null)
        {
            return Rfc9421Error.MissingCreated;
        }

        return signature.NonceMemory.IsEmpty ? Rfc9421Error.MissingNonce : Rfc9421Error.None;
    }

    /// <summary>True when the request has a non-empty query (more than a lone <c>?</c>).</summary>
    public static bool HasQuery(ISignableRequest request) => request.QuerySpan.Length > 1;
}
