using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Gateway.Authentication.ApiKey;

/// <summary>
/// Authenticates <c>Authorization: Bearer gwk_…</c> or <c>X-API-Key: gwk_…</c> for one request: what the
/// <see cref="ApiKeyAuthenticationHandler"/> runs, and what the proxy's own access step runs without the handler
/// machinery. A token is checked for shape and checksum before any lookup; the key is resolved through the
/// <see cref="ICredentialCache"/> (no store round trip on a hit); an unknown key and a wrong secret take the same path
/// and time; status and expiry are reported only once the token has been proven. A singleton: it keeps no request state.
/// </summary>
public sealed partial class ApiKeyAuthenticator(
    CredentialAuthenticator authenticator,
    SecretHasher hasher,
    AuthenticationTelemetry telemetry,
    AuthenticationChallenges challenges,
    ILogger<ApiKeyAuthenticationHandler> logger)
{
    // Built once from the registered schemes' challenges, so a new scheme is named without an edit here.
    private readonly string _unsupportedScheme =
        "Unsupported authorization scheme; use one the WWW-Authenticate header lists: " + string.Join(", ", challenges.Schemes) + ".";

    /// <summary>Whether the request carries an API key header at all (<c>Authorization</c> or <c>X-API-Key</c>).</summary>
    public static bool HasCredentialHeader(IHeaderDictionary headers) =>
        headers.ContainsKey(HeaderNames.Authorization) || headers.ContainsKey(GatewayAuthenticationDefaults.ApiKeyHeader);

    /// <summary>
    /// Authenticates the request, counted and traced as an <c>api-key</c> attempt (none when it carries no credential:
    /// <see cref="AuthenticateResult.NoResult"/>); a failure is recorded on the request for the challenge to write.
    /// </summary>
    public Task<AuthenticateResult> AuthenticateAsync(HttpContext context) =>
        telemetry.Track(context, AuthSchemeNames.ApiKey, this, static (context, self) => self.AuthenticateTokenAsync(context));

    // Not async: a cache hit (the usual case) answers without a state machine and without a key-id string.
    private ValueTask<AuthenticateResult> AuthenticateTokenAsync(HttpContext context)
    {
        if (!TryReadToken(context.Request.Headers, _unsupportedScheme, out var token, out var problem))
        {
            return ValueTask.FromResult(problem is null ? AuthenticateResult.NoResult() : CredentialAuthenticator.Fail(context, problem));
        }

        Span<char> keyId = stackalloc char[BearerToken.KeyIdLength];
        if (!BearerToken.TryParse(token.Span, keyId))
        {
            return ValueTask.FromResult(CredentialAuthenticator.Fail(context, new AuthenticationFailureFeature(ErrorCodes.MalformedCredentials,
                "The API key is not a well-formed gateway token.")));
        }

        return authenticator.TryFindCached(keyId, out var cached)
            ? ValueTask.FromResult(Verify(context, token.Span, keyId, cached))
            : LoadAndVerifyAsync(context, token, new string(keyId));
    }

    private async ValueTask<AuthenticateResult> LoadAndVerifyAsync(HttpContext context, ReadOnlyMemory<char> token, string keyId)
    {
        var (credential, unavailable) = await authenticator.FindAsync(context, keyId);
        return unavailable ?? Verify(context, token.Span, keyId, credential);
    }

    private AuthenticateResult Verify(HttpContext context, ReadOnlySpan<char> token, ReadOnlySpan<char> keyId, Credential? credential)
    {
        var proven = hasher.Verify(token, credential?.Key.SecretHash ?? []) && credential!.Key.Kind == KeyKind.Bearer;
        if (!proven)
        {
            LogInvalid(logger, keyId.ToString());
            return CredentialAuthenticator.Fail(context, new AuthenticationFailureFeature(ErrorCodes.InvalidCredentials, "The credentials are not valid."));
        }

        return authenticator.Refuse(context, credential!, AuthSchemeNames.ApiKey)
            ?? authenticator.Succeed(context, credential!, AuthSchemeNames.ApiKey, GatewayAuthenticationDefaults.ApiKeyScheme);
    }

    // The token as a slice of the header value: no substring per request.
    private static bool TryReadToken(IHeaderDictionary headers, string unsupportedScheme, out ReadOnlyMemory<char> token, out AuthenticationFailureFeature? problem)
    {
        token = ReadOnlyMemory<char>.Empty;
        problem = null;
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

        var header = authorization.Count == 1 ? authorization[0] ?? "" : apiKey[0] ?? "";
        var value = header.AsMemory();
        if (value.Length > GatewayAuthenticationDefaults.MaxCredentialLength)
        {
            problem = Malformed("The credential header is too long.");
            return false;
        }

        if (authorization.Count == 1)
        {
            const string bearer = "Bearer ";
            if (!value.Span.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            {
                problem = Malformed(value.Span.Trim().Length == 0
                    ? "The Authorization header is empty."
                    : unsupportedScheme);
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

    [LoggerMessage(EventId = EventIds.Authentication.ApiKeyInvalid, Level = LogLevel.Debug, Message = "API key {KeyId} presented with an unknown id or a wrong secret")]
    private static partial void LogInvalid(ILogger logger, string keyId);
}
