using System.Text.Encodings.Web;
using Gateway.Accounts;
using Gateway.Authentication;
using Gateway.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Federation.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer gwf_…</c>: the MAC and expiry of the token, then its policy and account
/// through <see cref="FederatedCredentials"/> (cached, invalidated like API keys), then the usual credential checks
/// (<see cref="CredentialValidator"/>: account status). The principal's auth scheme is <c>oidc-federation</c> and its
/// key id the exchange id.
/// </summary>
public sealed partial class FederationAuthenticationHandler(
    IOptionsMonitor<FederationAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FederatedAccessTokens tokens,
    FederatedCredentials credentials,
    CredentialValidator validator,
    AuthenticationTelemetry telemetry,
    TimeProvider time)
    : AuthenticationHandler<FederationAuthenticationOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        telemetry.Track(Context, FederationDefaults.AuthScheme, this, static (_, self) => self.AuthenticateTokenAsync());

    private async ValueTask<AuthenticateResult> AuthenticateTokenAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization];
        if (header.Count != 1 || header[0] is not { } value || value.Length > GatewayAuthenticationDefaults.MaxCredentialLength
            || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var claims = tokens.Verify(value[7..].Trim(), out var malformed);
        if (claims is null)
        {
            return Failure(malformed
                ? new AuthenticationFailureFeature(ErrorCodes.MalformedCredentials, "The access token is not a well-formed gateway access token.")
                : new AuthenticationFailureFeature(ErrorCodes.InvalidCredentials, "The credentials are not valid."));
        }

        if (claims.ExpiresAt <= time.GetUtcNow())
        {
            return Failure(new AuthenticationFailureFeature(ErrorCodes.KeyExpired, "This access token has expired; exchange a new id_token."));
        }

        Credential? credential;
        try
        {
            credential = await credentials.FindAsync(claims, Context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreUnavailable(Logger, ex, claims.ExchangeId);
            return Failure(new AuthenticationFailureFeature(ErrorCodes.AuthUnavailable, "The credential store is unavailable; try again shortly."));
        }

        if (credential is null)
        {
            LogPolicyGone(Logger, claims.ExchangeId, claims.PolicyId);
            return Failure(new AuthenticationFailureFeature(ErrorCodes.InvalidCredentials, "The credentials are not valid."));
        }

        if (validator.Check(credential) is { } refused)
        {
            LogRefused(Logger, claims.ExchangeId, refused.Code);
            return Failure(refused);
        }

        var success = validator.Success(credential, FederationDefaults.AuthScheme, Scheme.Name);
        Context.Features.Set(success.Feature);
        return success;
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => GatewayChallenge.WriteAsync(Context);

    private AuthenticateResult Failure(AuthenticationFailureFeature failure)
    {
        Context.Features.Set(failure);
        return AuthenticateResult.Fail(failure.Code);
    }

    [LoggerMessage(EventId = EventIds.Federation.AccessTokenPolicyGone, Level = LogLevel.Information, Message = "Federated access token of exchange {ExchangeId} refused: its trust policy {PolicyId} or account no longer exists")]
    private static partial void LogPolicyGone(ILogger logger, string exchangeId, string policyId);

    [LoggerMessage(EventId = EventIds.Federation.AccessTokenRefused, Level = LogLevel.Information, Message = "Federated access token of exchange {ExchangeId} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string exchangeId, string code);

    [LoggerMessage(EventId = EventIds.Federation.AccessTokenStoreUnavailable, Level = LogLevel.Error, Message = "Credential store unavailable while authenticating federated access token of exchange {ExchangeId}")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string exchangeId);
}
