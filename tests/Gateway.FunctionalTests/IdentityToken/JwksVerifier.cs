using System.Net.Http.Headers;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>
/// An upstream's view: takes the forwarded <c>X-Gateway-Identity</c> and verifies it with an independent JOSE library
/// (Microsoft.IdentityModel.JsonWebTokens) against keys fetched from the JWKS URL over HTTP, nothing else.
/// </summary>
public static class JwksVerifier
{
    /// <summary>The forwarded token of a bearer GET through the proxy (the upstream's echo of it).</summary>
    public static async Task<string?> ForwardedTokenAsync(HttpClient proxy, string path, string? bearer, Action<HttpRequestMessage>? extra = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        extra?.Invoke(request);
        var echo = await Echo.ReadAsync(await proxy.SendAsync(request));
        return echo.Header("X-Gateway-Identity");
    }

    /// <summary>Validates <paramref name="token"/> against the keys at <paramref name="jwksUrl"/>; returns the result.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(Uri jwksUrl, string token, string issuer, string audience)
    {
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(jwksUrl));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["ES256"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        });
    }
}
