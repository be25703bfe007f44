using System.Text.Json;
using Gateway.Federation.Jose;
using Microsoft.Extensions.Options;

namespace Gateway.Federation.Exchange;

/// <summary>
/// Verifies a CI id_token completely, in an order that never contacts an issuer that is not allowlisted: shape →
/// algorithm (RS256/ES256 only) → <c>iss</c> in <c>Gateway:Federation:Issuers</c> → key from the issuer's JWKS →
/// signature → <c>exp</c>, <c>nbf</c>, <c>iat</c> with <see cref="FederationOptions.ClockSkew"/> → <c>jti</c>
/// present. The audience is checked per policy. Single use of the <c>jti</c> is the exchange's last step.
/// </summary>
public sealed class IdTokenValidator(IssuerKeyCache keys, IOptions<FederationOptions> options, TimeProvider time)
{
    private const int MaxTokenIdLength = 256;

    /// <summary>The validated token, or the failure (401 invalid token, or 503 when the issuer cannot be reached).</summary>
    public async Task<(ValidatedIdToken? Token, ExchangeFailure? Failure)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > FederationDefaults.MaxSubjectTokenLength)
        {
            return (null, FederationErrorCodes.BadToken("The subject_token is too long."));
        }

        if (!CompactJws.TryParse(token, out var jws, out var reason))
        {
            return (null, FederationErrorCodes.BadToken(reason));
        }

        if (!JwsAlgorithms.IsAllowed(jws!.Algorithm))
        {
            return (null, FederationErrorCodes.BadToken("The subject_token's algorithm is not accepted (RS256 or ES256)."));
        }

        var settings = options.Value;
        if (String(jws.Claims, "iss") is not { } issuer || !settings.Issuers.Contains(issuer, StringComparer.Ordinal))
        {
            return (null, FederationErrorCodes.BadToken("The subject_token's issuer is not trusted by this gateway."));
        }

        JsonWebKey? key;
        try
        {
            key = await keys.FindAsync(issuer, jws.KeyId, jws.Algorithm, cancellationToken);
        }
        catch (IssuerUnavailableException)
        {
            return (null, FederationErrorCodes.Down("The token issuer's keys cannot be fetched right now; try again shortly."));
        }

        if (key is null || !JwsVerifier.Verify(jws, key))
        {
            return (null, FederationErrorCodes.BadToken("The subject_token's signature does not verify with the issuer's keys."));
        }

        var now = time.GetUtcNow();
        var skew = settings.ClockSkew;
        if (Time(jws.Claims, "exp") is not { } exp || Time(jws.Claims, "iat") is not { } iat)
        {
            return (null, FederationErrorCodes.BadToken("The subject_token must carry exp and iat."));
        }

        if (exp + skew <= now)
        {
            return (null, FederationErrorCodes.BadToken("The subject_token has expired."));
        }

        if (iat - skew > now || (Time(jws.Claims, "nbf") is { } nbf && nbf - skew > now))
        {
            return (null, FederationErrorCodes.BadToken("The subject_token is not valid yet."));
        }

        if (jws.Claims.TryGetProperty("nbf", out var nbfElement) && nbfElement.ValueKind != JsonValueKind.Number)
        {
            return (null, FederationErrorCodes.BadToken("The subject_token's nbf is not a number."));
        }

        if (String(jws.Claims, "jti") is not { Length: > 0 and <= MaxTokenIdLength } jti)
        {
            return (null, FederationErrorCodes.BadToken("The subject_token must carry a jti (it is exchanged once)."));
        }

        return (new ValidatedIdToken(issuer, jti, exp, jws.Claims), null);
    }

    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds)
            || seconds < 0 || seconds > 253402300799)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }
}
