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
    public void Verify_MacWithItsUnusedBitsSet_Refused()
    {
        // The MAC's last base64url character encodes two bits of the MAC and two unused bits; flipping an unused bit
        // decodes to the same MAC, and must still be refused.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var token = _tokens.Issue(Claims());
        var last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        var respelled = token[..^1] + Alphabet[last ^ 1];

        Assert.NotNull(_tokens.Verify(token, out _));
        Assert.Null(_tokens.Verify(respelled, out var malformed));
        Assert.False(malformed);
    }

    [Theory]
    [InlineData('*')]
    [InlineData('=')]
    [InlineData('+')]
    public void Verify_MacOutsideTheAlphabet_RefusedWithoutThrowing(char bad)
    {
        // Base64Url.TryDecodeFromChars throws on such input; a token is checked by its text and never decoded.
        var token = _tokens.Issue(Claims());
        var spoiled = token[..^5] + bad + token[^4..];

        Assert.Null(_tokens.Verify(spoiled, out var malformed));
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
