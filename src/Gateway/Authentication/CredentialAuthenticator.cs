using Gateway.Accounts;
using Gateway.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Authentication;

/// <summary>
/// The steps every credential handler shares once the caller named a key: the lookup through the
/// <see cref="ICredentialCache"/> with a store outage answered 503 <c>auth_unavailable</c>, the key/account status
/// checks, the principal, and how a failure is recorded on the request for the challenge to write.
/// </summary>
public sealed partial class CredentialAuthenticator(ICredentialCache credentials, CredentialValidator validator, ILogger<CredentialAuthenticator> logger)
{
    /// <summary>
    /// The credential of <paramref name="keyId"/> when the cache can answer alone (<c>null</c>: a key known not to
    /// exist) — a bearer request looks its key up by the token's slice, without a key-id string; <c>false</c>: call
    /// <see cref="FindAsync"/>.
    /// </summary>
    public bool TryFindCached(ReadOnlySpan<char> keyId, out Credential? credential) => credentials.TryFindCached(keyId, out credential);

    /// <summary>The credential of <paramref name="keyId"/> (<c>null</c> when unknown), or the failure when the store is unavailable.</summary>
    public async ValueTask<CredentialLookup> FindAsync(HttpContext context, string keyId)
    {
        try
        {
            return new CredentialLookup(await credentials.FindAsync(keyId, context.RequestAborted), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreUnavailable(logger, ex, keyId);
            return new CredentialLookup(null, Fail(context, ErrorCodes.AuthUnavailable, "The credential store is unavailable; try again shortly."));
        }
    }

    /// <summary>The failure when the proven <paramref name="credential"/> may not be used (revoked, expired, disabled…); <c>null</c> when it may.</summary>
    public AuthenticateResult? Refuse(HttpContext context, Credential credential, string scheme)
    {
        if (validator.Check(credential) is not { } refused)
        {
            return null;
        }

        LogRefused(logger, credential.Key.Id, scheme, refused.Code);
        return Fail(context, refused);
    }

    /// <summary>
    /// Success for <paramref name="credential"/> proven with <paramref name="scheme"/>: the credential rides on the
    /// request, the principal on the ticket; both shared by the credential's requests (<see cref="SharedSuccessResult"/>).
    /// </summary>
    public AuthenticateResult Succeed(HttpContext context, Credential credential, string scheme, string handlerScheme)
    {
        var success = validator.Success(credential, scheme, handlerScheme);
        context.Features.Set(success.Feature);
        return success;
    }

    /// <summary>Records <paramref name="failure"/> on the request (the challenge writes it) and fails authentication.</summary>
    public static AuthenticateResult Fail(HttpContext context, AuthenticationFailureFeature failure)
    {
        context.Features.Set(failure);
        return AuthenticateResult.Fail(failure.Code);
    }

    /// <summary>Records <paramref name="code"/> with <paramref name="detail"/> and fails authentication.</summary>
    public static AuthenticateResult Fail(HttpContext context, string code, string detail) =>
        Fail(context, new AuthenticationFailureFeature(code, detail));

    [LoggerMessage(EventId = EventIds.Authentication.CredentialStoreUnavailable, Level = LogLevel.Error, Message = "Credential store unavailable while authenticating key {KeyId}")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string keyId);

    [LoggerMessage(EventId = EventIds.Authentication.CredentialRefused, Level = LogLevel.Information, Message = "Key {KeyId} ({Scheme}) refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string keyId, string scheme, string code);
}
