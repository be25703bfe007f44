using System.Text.Encodings.Web;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Authentication.ApiKey;

/// <summary>
/// Authenticates <c>Authorization: Bearer gwk_…</c> or <c>X-API-Key: gwk_…</c>. A token is checked for shape and
/// checksum before any lookup; the key is resolved through the <see cref="ICredentialCache"/> (no store round trip
/// on a hit); an unknown key and a wrong secret take the same path and time; status and expiry are reported only
/// once the token has been proven.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialAuthenticator authenticator,
    SecretHasher hasher,
    AuthenticationTelemetry telemetry)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        telemetry.TrackAsync(Context, AuthSchemeNames.ApiKey, AuthenticateTokenAsync);

    private async Task<AuthenticateResult> AuthenticateTokenAsync()
    {
        if (!TryReadToken(out var token, out var problem))
        {
            return problem is null ? AuthenticateResult.NoResult() : Failure(problem);
        }

        if (!BearerToken.TryParse(token, out var keyId))
        {
            return Failure(new AuthenticationFailureFeature(ErrorCodes.MalformedCredentials,
                "The API key is not a well-formed gateway token."));
        }

        var (credential, unavailable) = await authenticator.FindAsync(Context, keyId);
        if (unavailable is not null)
        {
            return unavailable;
        }

        var proven = hasher.Verify(token, credential?.Key.SecretHash ?? []) && credential!.Key.Kind == KeyKind.Bearer;
        if (!proven)
        {
            LogInvalid(Logger, keyId);
            return Failure(new AuthenticationFailureFeature(ErrorCodes.InvalidCredentials, "The credentials are not valid."));
        }

        return authenticator.Refuse(Context, credential!, AuthSchemeNames.ApiKey)
            ?? authenticator.Succeed(Context, credential!, AuthSchemeNames.ApiKey, Scheme.Name);
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => GatewayChallenge.WriteAsync(Context);

    private AuthenticateResult Failure(AuthenticationFailureFeature failure) => CredentialAuthenticator.Fail(Context, failure);

    private bool TryReadToken(out string token, out AuthenticationFailureFeature? problem)
    {
        token = string.Empty;
        problem = null;
        var headers = Request.Headers;
        var authorization = headers[HeaderNames.Authorization];
        var apiKey = headers[GatewayAuthenticationDefaults.ApiKeyHeader];
        if (authorization.Count == 0 && apiKey.Count == 0)
        {
            return false;
        }

        if (authorization.Count + apiKey.Count > 1)
        {
            problem = Malformed("Send exactly one credential: one Authorization or one X-API-Key header.");
            return false;
        }

        var value = authorization.Count == 1 ? authorization[0] ?? "" : apiKey[0] ?? "";
        if (value.Length > GatewayAuthenticationDefaults.MaxCredentialLength)
        {
            problem = Malformed("The credential header is too long.");
            return false;
        }

        if (authorization.Count == 1)
        {
            const string bearer = "Bearer ";
            if (!value.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            {
                problem = Malformed(value.Trim().Length == 0
                    ? "The Authorization header is empty."
                    : "Unsupported authorization scheme; use Bearer, an RFC 9421 signature or AWS4-HMAC-SHA256.");
                return false;
            }

            value = value[bearer.Length..];
        }

        token = value.Trim();
        if (token.Length == 0)
        {
            problem = Malformed("The credential is empty.");
            return false;
        }

        return true;
    }

    private static AuthenticationFailureFeature Malformed(string detail) => new(ErrorCodes.MalformedCredentials, detail);
}
