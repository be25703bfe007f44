using System.Text.RegularExpressions;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class BearerTokenTests
{
    private const string KeyId = "ak_0123456789abcDEF";

    [Fact]
    public void Create_ThenTryParse_ReturnsTheKeyId()
    {
        var token = BearerToken.Create(KeyId);

        Assert.True(BearerToken.TryParse(token, out var parsed));
        Assert.Equal(KeyId, parsed);
    }

    [Fact]
    public void TryParse_IntoASpan_WritesTheKeyId_AndRefusesABufferOfAnotherLength()
    {
        var token = BearerToken.Create(KeyId);
        Span<char> keyId = stackalloc char[BearerToken.KeyIdLength];
        Span<char> tooLong = stackalloc char[BearerToken.KeyIdLength + 1];

        Assert.True(BearerToken.TryParse(token, keyId));
        Assert.Equal(KeyId, keyId.ToString());
        Assert.False(BearerToken.TryParse(token, tooLong));
        Assert.False(BearerToken.TryParse(token[..^1] + (token[^1] == 'x' ? 'y' : 'x'), keyId));
    }

    [Fact]
    public void Create_FreshKeyId_RoundTrips()
    {
        var keyId = IdGenerator.NewKeyId();

        Assert.True(BearerToken.TryParse(BearerToken.Create(keyId), out var parsed));
        Assert.Equal(keyId, parsed);
    }

    [Fact]
    public void Create_Token_Is70Characters()
    {
        Assert.Equal(70, BearerToken.Length);
        Assert.Equal(70, BearerToken.Create(KeyId).Length);
    }

    [Fact]
    public void Create_Token_UsesOnlyScannerFriendlyCharacters()
    {
        var token = BearerToken.Create(KeyId);

        Assert.Matches(new Regex("^[A-Za-z0-9_]+$"), token);
        Assert.Matches(new Regex("^gwk_0123456789abcDEF_[0-9A-Za-z]{49}$"), token);
    }

    [Fact]
    public void Create_SameKeyIdTwice_GivesDifferentSecrets()
    {
        Assert.NotEqual(BearerToken.Create(KeyId), BearerToken.Create(KeyId));
    }

    [Theory]
    [InlineData("sa_0123456789abcDEF")]
    [InlineData("ak_0123456789abcDE")]
    [InlineData("ak_0123456789abcDE-")]
    [InlineData("")]
    public void Create_NotAKeyId_Throws(string keyId)
    {
        Assert.Throws<ArgumentException>(() => BearerToken.Create(keyId));
    }

    [Fact]
    public void TryParse_Empty_ReturnsFalse()
    {
        Assert.False(BearerToken.TryParse("", out var keyId));
        Assert.Equal("", keyId);
    }

    [Theory]
    [InlineData("gwx_")]
    [InlineData("GWK_")]
    [InlineData("gwk-")]
    public void TryParse_WrongPrefixWithValidChecksum_ReturnsFalse(string prefix)
    {
        var token = BearerToken.Create(KeyId);
        var forged = WithChecksum(prefix + token[4..^BearerToken.ChecksumLength]);

        Assert.False(BearerToken.TryParse(forged, out _));
    }

    [Fact]
    public void TryParse_MissingSeparatorWithValidChecksum_ReturnsFalse()
    {
        var token = BearerToken.Create(KeyId);
        var forged = WithChecksum(token[..20] + "A" + token[21..^BearerToken.ChecksumLength]);

        Assert.False(BearerToken.TryParse(forged, out _));
    }

    [Fact]
    public void TryParse_Truncated_ReturnsFalse()
    {
        var token = BearerToken.Create(KeyId);

        Assert.False(BearerToken.TryParse(token.AsSpan(0, token.Length - 1), out _));
        Assert.False(BearerToken.TryParse(token.AsSpan(0, 4), out _));
    }

    [Fact]
    public void TryParse_OneCharacterTooLongWithValidChecksum_ReturnsFalse()
    {
        var token = BearerToken.Create(KeyId);
        var forged = WithChecksum(token[..^BearerToken.ChecksumLength] + "A");

        Assert.Equal(71, forged.Length);
        Assert.False(BearerToken.TryParse(forged, out _));
    }

    [Fact]
    public void TryParse_TrailingCharacter_ReturnsFalse()
    {
        Assert.False(BearerToken.TryParse(BearerToken.Create(KeyId) + "x", out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void TryParse_FlippedChecksumCharacter_ReturnsFalse(int fromEnd)
    {
        var token = BearerToken.Create(KeyId);

        Assert.False(BearerToken.TryParse(Flip(token, token.Length - fromEnd), out _));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(40)]
    [InlineData(63)]
    public void TryParse_FlippedSecretCharacter_ReturnsFalse(int index)
    {
        var token = BearerToken.Create(KeyId);

        Assert.False(BearerToken.TryParse(Flip(token, index), out _));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(19)]
    public void TryParse_FlippedKeyIdCharacter_ReturnsFalse(int index)
    {
        var token = BearerToken.Create(KeyId);

        Assert.False(BearerToken.TryParse(Flip(token, index), out _));
    }

    [Theory]
    [InlineData(10, '-')]
    [InlineData(30, '-')]
    [InlineData(30, '_')]
    [InlineData(30, '+')]
    [InlineData(30, '=')]
    public void TryParse_NonBase62CharacterWithValidChecksum_ReturnsFalse(int index, char replacement)
    {
        var token = BearerToken.Create(KeyId);
        var body = token[..^BearerToken.ChecksumLength];
        var forged = WithChecksum(body[..index] + replacement + body[(index + 1)..]);

        Assert.False(BearerToken.TryParse(forged, out _));
    }

    [Theory]
    [InlineData(10, 'é')]
    [InlineData(30, 'é')]
    [InlineData(30, '\u0661')] // ARABIC-INDIC DIGIT ONE: a digit, but not an ASCII one
    [InlineData(30, '\uFF21')] // FULLWIDTH LATIN CAPITAL LETTER A
    [InlineData(30, '\u0141')] // truncates to 'A' (0x41) when taken as a byte
    public void TryParse_NonAsciiCharacterWithValidChecksum_ReturnsFalse(int index, char replacement)
    {
        var token = BearerToken.Create(KeyId);
        var body = token[..^BearerToken.ChecksumLength];
        var forged = WithChecksum(body[..index] + replacement + body[(index + 1)..]);

        Assert.False(BearerToken.TryParse(forged, out var keyId));
        Assert.Equal("", keyId);
    }

    [Fact]
    public void TryParse_WellFormedBodyWithRecomputedChecksum_ReturnsTrue()
    {
        // Guards the helper used above: a body that is well formed passes once its checksum is right.
        var body = "gwk_0123456789abcDEF_" + new string('a', BearerToken.SecretLength);

        Assert.True(BearerToken.TryParse(WithChecksum(body), out var keyId));
        Assert.Equal(KeyId, keyId);
    }

    private static string WithChecksum(string body)
    {
        Span<char> checksum = stackalloc char[BearerToken.ChecksumLength];
        Base62.EncodeFixed(Crc32.Compute(body), checksum);
        return body + new string(checksum);
    }

    private static string Flip(string token, int index)
    {
        var chars = token.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
