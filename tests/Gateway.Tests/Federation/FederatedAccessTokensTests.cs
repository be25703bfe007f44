using System.Security.Cryptography;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.Federation.Access;
using Gateway.Federation.Policies;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Federation;

public sealed class FederatedAccessTokensTests
{
    private readonly FederatedAccessTokens _tokens = new(new SecretHasher(RandomNumberGenerator.GetBytes(32)));

    private static AccessTokenClaims Claims() =>
        new(IdGenerator.NewAccountId(), TrustPolicyRules.NewId(), FederatedAccessTokens.NewExchangeId(), Samples.T0.AddMinutes(15));

    [Fact]
    public void Issue_ThenVerify_RoundTrips()
    {
        var claims = Claims();
        var token = _tokens.Issue(claims);

        Assert.StartsWith("gwf_1.", token);
        Assert.Equal(claims with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt.ToUnixTimeSeconds()) }, _tokens.Verify(token, out var malformed));
        Assert.False(malformed);
    }

    [Fact]
    public void Verify_EveryPartTampered_Refused()
    {
        var token = _tokens.Issue(Claims());
        var parts = token.Split('.');
        for (var i = 1; i < parts.Length; i++)
        {
            var changed = (string[])parts.Clone();
            var chars = changed[i].ToCharArray();
            chars[^1] = chars[^1] == 'A' ? 'B' : 'A';
            changed[i] = new string(chars);
            Assert.Null(_tokens.Verify(string.Join('.', changed), out _));
        }
    }

    [Fact]
    public void Verify_MacWithNonZeroTrailingBits_Refused_NotThrown()
    {
        // 32 MAC bytes are 43 base64url characters whose last one carries 2 unused bits: 'B' sets one of them, which
        // Base64Url.TryDecodeFromChars answers with a FormatException (a tampered token must be refused, not a 500).
        var token = _tokens.Issue(Claims());
        var tampered = token[..^1] + "B";
        Assert.Null(_tokens.Verify(tampered, out var malformed));
        Assert.False(malformed);
    }

    [Fact]
    public void Verify_OtherGatewaysKey_Refused()
    {
        var other = new FederatedAccessTokens(new SecretHasher(RandomNumberGenerator.GetBytes(32)));
        Assert.Null(_tokens.Verify(other.Issue(Claims()), out var malformed));
        Assert.False(malformed);
    }

    [Theory]
    [InlineData("gwf_")]
    [InlineData("gwf_1.a.b.c.d.e")]
    [InlineData("gwk_1.sa_0000000000000000.tp_0000000000000000.fx_0000000000000000.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("gwf_1.sa_0000000000000000.tp_0000000000000000.fx_0000000000000000.-1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("gwf_1.sa_0000000000000000.tp_0000000000000000.fx_0000000000000000.99999999999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Verify_Malformed_Refused(string token)
    {
        Assert.Null(_tokens.Verify(token, out var malformed));
        Assert.True(malformed);
    }
}
