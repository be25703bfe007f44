using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.IdentityToken;

namespace Gateway.Tests.IdentityToken;

public sealed class IdentityTokenIssuerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static (JsonElement Header, JsonElement Payload, byte[] Signature, string SigningInput) Split(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.All(parts, p => Assert.DoesNotContain('=', p));
        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement,
            JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement,
            Base64Url.DecodeFromChars(parts[2]),
            parts[0] + "." + parts[1]);
    }

    [Fact]
    public void Token_IsACompactEs256Jws_WithTheHeaderAndEveryClaim()
    {
        var key = IdentitySigningKey.Generate(SigningKeyState.Active, Now);
        var issued = new IdentityTokenIssuer("https://gw.example", TimeSpan.FromMinutes(5)).Issue(IdentityTokenTestKeys.Identity(), "billing", key, Now);

        var (header, payload, signature, signingInput) = Split(issued.Token);

        Assert.Equal(["alg", "kid", "typ"], header.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(key.Kid, header.GetProperty("kid").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal("https://gw.example", payload.GetProperty("iss").GetString());
        Assert.Equal("sa_0123456789abcdef", payload.GetProperty("sub").GetString());
        Assert.Equal("billing", payload.GetProperty("aud").GetString());
        Assert.Equal(1_800_000_000, payload.GetProperty("iat").GetInt64());
        Assert.Equal(1_800_000_300, payload.GetProperty("exp").GetInt64());
        Assert.Equal(22, payload.GetProperty("jti").GetString()!.Length);
        Assert.Equal("acme", payload.GetProperty("org").GetString());
        Assert.Equal("payments", payload.GetProperty("project").GetString());
        Assert.Equal(["builds:read", "builds:execute"], payload.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("ak_0123456789abcdef", payload.GetProperty("key_id").GetString());
        Assert.Equal("api-key", payload.GetProperty("auth_scheme").GetString());
        Assert.Equal("service_account", payload.GetProperty("principal_type").GetString());
        Assert.Equal("deployer", payload.GetProperty("principal_name").GetString());
        Assert.Equal(64, signature.Length);
        using var verifier = ECDsa.Create(key.Key.ExportParameters(false));
        Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes(signingInput), signature, HashAlgorithmName.SHA256));
        Assert.Equal(Now.AddMinutes(5), issued.ExpiresAt);
    }

    [Fact]
    public void OrgAccount_HasNoProjectClaim_AndEveryTokenItsOwnJti()
    {
        var key = IdentitySigningKey.Generate(SigningKeyState.Active, Now);
        var issuer = new IdentityTokenIssuer("urn:gateway", TimeSpan.FromMinutes(5));

        var first = Split(issuer.Issue(IdentityTokenTestKeys.Identity(project: null), "a", key, Now).Token).Payload;
        var second = Split(issuer.Issue(IdentityTokenTestKeys.Identity(project: null), "a", key, Now).Token).Payload;

        Assert.False(first.TryGetProperty("project", out _));
        Assert.NotEqual(first.GetProperty("jti").GetString(), second.GetProperty("jti").GetString());
    }

    [Fact]
    public void TamperedPayload_NoLongerVerifies()
    {
        var key = IdentitySigningKey.Generate(SigningKeyState.Active, Now);
        var token = new IdentityTokenIssuer("urn:gateway", TimeSpan.FromMinutes(5)).Issue(IdentityTokenTestKeys.Identity(), "a", key, Now).Token;
        var parts = token.Split('.');
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("acme", "evil")));

        using var verifier = ECDsa.Create(key.Key.ExportParameters(false));
        Assert.False(verifier.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + forged), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Jwk_RoundTripsThePublicKey_AndCarriesNoPrivatePart()
    {
        var key = IdentitySigningKey.Generate(SigningKeyState.Active, Now);
        var set = new IdentityKeySet(1, [key]);

        var jwk = JsonDocument.Parse(set.Jwks).RootElement.GetProperty("keys")[0];
        using var read = EcJwk.TryReadPublic(jwk);

        Assert.NotNull(read);
        Assert.False(jwk.TryGetProperty("d", out _));
        Assert.Equal(key.Kid, jwk.GetProperty("kid").GetString());
        Assert.Equal(key.Key.ExportParameters(false).Q.X, read.ExportParameters(false).Q.X);
        Assert.Null(EcJwk.TryReadPublic(JsonDocument.Parse("""{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}""").RootElement));
        Assert.Null(EcJwk.TryReadPublic(JsonDocument.Parse("""{"kty":"RSA","n":"AA","e":"AQAB"}""").RootElement));
    }
}
