namespace Gateway.Authentication.Signature;

/// <summary>What <see cref="ISignatureScheme.VerifyAsync"/> found: verified or not, or a failure of the body binding.</summary>
/// <param name="Verified">Whether the signature verified under the secret.</param>
/// <param name="Failure">Why the request is refused before the signature could be checked (digest mismatch, body too large…).</param>
public readonly record struct SignatureProof(bool Verified, AuthenticationFailureFeature? Failure = null)
{
    /// <summary>A refusal with <paramref name="code"/> and <paramref name="detail"/>.</summary>
    public static SignatureProof Failed(string code, string detail) => new(false, new AuthenticationFailureFeature(code, detail));
}
