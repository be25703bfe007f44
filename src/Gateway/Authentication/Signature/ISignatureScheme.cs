using Microsoft.AspNetCore.Http;

namespace Gateway.Authentication.Signature;

/// <summary>
/// One signed-request protocol (RFC 9421, AWS SigV4, …): everything that differs between them. The
/// <see cref="SignatureAuthenticator"/> drives the same order for every scheme — parse (with the checks that
/// need no key) → key lookup → freshness → <see cref="VerifyAsync"/> (body binding and signature, constant time) →
/// key/account status → replay horizon and nonce reservation → principal — so a scheme cannot skip a step.
/// Registered with <see cref="SignatureAuthenticationBuilderExtensions.AddSignatureScheme{TScheme}"/>.
/// </summary>
public interface ISignatureScheme
{
    /// <summary>The scheme's name: <c>X-Gateway-Auth-Scheme</c>, the metrics' <c>scheme</c> label, the audit's scheme.</summary>
    string Name { get; }

    /// <summary>The <c>WWW-Authenticate</c> challenge advertising the scheme on a 401.</summary>
    string Challenge { get; }

    /// <summary>
    /// Request headers that carry the scheme's credential (a trailing <c>*</c> makes a prefix, e.g. <c>X-Amz-*</c>);
    /// registration adds them to <see cref="CredentialHeaderSet"/>, so they are removed before forwarding (unless the
    /// route keeps them).
    /// </summary>
    IReadOnlyList<string> CredentialHeaders { get; }

    /// <summary>
    /// Whether the reservation of an idempotent request that got no upstream answer is released so that the client's
    /// retry of the very same bytes is accepted (SigV4 SDKs re-send one signature; RFC 9421 clients sign afresh).
    /// </summary>
    bool ReleasesReplayOnRetry { get; }

    /// <summary>Whether the request's headers say it uses this scheme (no parsing beyond that; the policy scheme's choice).</summary>
    bool Detects(IHeaderDictionary headers);

    /// <summary>
    /// Parses the credential and runs the checks that need no key (required components, algorithm, scope):
    /// <see cref="SignatureParse.NotThisScheme"/> when the request does not use the scheme.
    /// </summary>
    SignatureParse Parse(SignatureRequest request);

    /// <summary>
    /// Checks the body binding (digest) and the signature of <paramref name="parsed"/> under <paramref name="secret"/>
    /// (a decoy secret when the key is unknown, so both take the same time).
    /// </summary>
    ValueTask<SignatureProof> VerifyAsync(SignatureRequest request, SignatureParse parsed, SigningSecret secret);
}
