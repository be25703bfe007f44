using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Accounts.Tokens;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class KeyFingerprintTests
{
    [Fact]
    public void Compute_KnownVector_IsSha256PrefixAndUnpaddedBase64()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.Equal("SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0", KeyFingerprint.Compute("abc"));
    }

    [Fact]
    public void Compute_Token_MatchesIndependentSha256()
    {
        var token = BearerToken.Create("ak_0123456789abcDEF");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.ASCII.GetBytes(token));
        var expected = "SHA256:" + Convert.ToBase64String(sha.GetHashAndReset()).TrimEnd('=');

        Assert.Equal(expected, KeyFingerprint.Compute(token));
    }

    [Fact]
    public void Compute_Token_HasSshStyleShapeWithoutPadding()
    {
        var fingerprint = KeyFingerprint.Compute(BearerToken.Create("ak_0123456789abcDEF"));

        Assert.Matches(new Regex("^SHA256:[A-Za-z0-9+/]{43}$"), fingerprint);
        Assert.DoesNotContain("=", fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_DifferentTokens_DifferentFingerprints()
    {
        Assert.NotEqual(
            KeyFingerprint.Compute(BearerToken.Create("ak_0123456789abcDEF")),
            KeyFingerprint.Compute(BearerToken.Create("ak_0123456789abcDEF")));
    }

    [Fact]
    public void Compute_DoesNotContainTheSecret()
    {
        var token = BearerToken.Create("ak_0123456789abcDEF");

        Assert.DoesNotContain(token[21..], KeyFingerprint.Compute(token), StringComparison.Ordinal);
    }
}
