using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Federation.Jose;

namespace Gateway.Tests.Federation;

/// <summary>Compact JWS parsing, JWKS parsing and RS256/ES256 verification (pure logic; the issuer path is functional-tested).</summary>
public sealed class JoseTests
{
    private static string B64(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    private static (string Token, RSA Key) SignedRs256(object? header = null)
    {
        var rsa = RSA.Create(2048);
        var input = B64(header ?? new { alg = "RS256", kid = "k1" }) + "." + B64(new { iss = "https://issuer", sub = "x" });
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (input + "." + Base64Url.EncodeToString(signature), rsa);
    }

    private static JsonWebKeySet Set(params object[] keys) => JsonWebKeySet.Parse(JsonSerializer.SerializeToUtf8Bytes(new { keys }));

    private static object RsaJwk(RSA rsa, string kid = "k1", string? use = "sig", string? alg = "RS256")
    {
        var p = rsa.ExportParameters(false);
        return new Dictionary<string, string?>
        {
            ["kty"] = "RSA", ["kid"] = kid, ["use"] = use, ["alg"] = alg,
            ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
        }.Where(e => e.Value is not null).ToDictionary();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("e30.e30.")]
    [InlineData("e30.e30.a+b")]
    [InlineData("bm90IGpzb24.e30.AA")]
    [InlineData("W10.e30.AA")]
    public void TryParse_Malformed_False(string token)
    {
        Assert.False(CompactJws.TryParse(token, out _, out _));
    }

    [Fact]
    public void TryParse_CritHeader_Refused()
    {
        var (token, _) = SignedRs256(new { alg = "RS256", kid = "k1", crit = new[] { "exp" } });
        Assert.False(CompactJws.TryParse(token, out _, out var reason));
        Assert.Contains("critical", reason);
    }

    [Fact]
    public void Verify_Rs256_WithItsKey_True_OtherKey_False()
    {
        var (token, rsa) = SignedRs256();
        Assert.True(CompactJws.TryParse(token, out var jws, out _));

        Assert.True(JwsVerifier.Verify(jws!, Set(RsaJwk(rsa)).Find("k1", "RS256")!));
        Assert.False(JwsVerifier.Verify(jws!, Set(RsaJwk(RSA.Create(2048))).Find("k1", "RS256")!));
    }

    [Fact]
    public void Verify_Es256_RawSignature()
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var input = B64(new { alg = "ES256", kid = "e1" }) + "." + B64(new { sub = "x" });
        var token = input + "." + Base64Url.EncodeToString(ec.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
        var q = ec.ExportParameters(false).Q;
        var set = Set(new { kty = "EC", crv = "P-256", kid = "e1", x = Base64Url.EncodeToString(q.X), y = Base64Url.EncodeToString(q.Y) });

        Assert.True(CompactJws.TryParse(token, out var jws, out _));
        Assert.True(JwsVerifier.Verify(jws!, set.Find("e1", "ES256")!));
        Assert.Null(set.Find("e1", "RS256"));
    }

    [Fact]
    public void Parse_SkipsUnusableKeys()
    {
        var small = RSA.Create(1024);
        var set = Set(
            RsaJwk(small, "small"),
            RsaJwk(RSA.Create(2048), "enc", use: "enc"),
            RsaJwk(RSA.Create(2048), "es", alg: "ES256"),
            new { kty = "oct", kid = "hmac", k = "c2VjcmV0" },
            new { kty = "EC", crv = "P-384", kid = "p384", x = "AA", y = "AA" },
            RsaJwk(RSA.Create(2048), "good", alg: null));

        Assert.Equal(["good"], set.Keys.Select(k => k.KeyId));
    }

    [Fact]
    public void Find_WithoutKid_OnlyWhenOneKeyFits()
    {
        Assert.NotNull(Set(RsaJwk(RSA.Create(2048), "a")).Find(null, "RS256"));
        Assert.Null(Set(RsaJwk(RSA.Create(2048), "a"), RsaJwk(RSA.Create(2048), "b")).Find(null, "RS256"));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS384")]
    [InlineData("PS256")]
    [InlineData("rs256")]
    public void Verify_OtherAlgorithms_False(string alg)
    {
        var (token, rsa) = SignedRs256();
        var parts = token.Split('.');
        parts[0] = B64(new { alg, kid = "k1" });
        Assert.True(CompactJws.TryParse(string.Join('.', parts), out var jws, out _));

        Assert.False(JwsAlgorithms.IsAllowed(alg));
        Assert.False(JwsVerifier.Verify(jws!, Set(RsaJwk(rsa, alg: null)).Keys[0]));
    }
}
