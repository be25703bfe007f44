using System.Security.Cryptography;
using System.Text;
using Gateway.Accounts.Tokens;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class SecretHasherTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly SecretHasher _hasher = new(Key);
    private readonly string _token = BearerToken.Create("ak_0123456789abcDEF");

    [Fact]
    public void Verify_RightToken_ReturnsTrue()
    {
        var stored = _hasher.Hash(_token);

        Assert.True(_hasher.Verify(_token, stored));
    }

    [Fact]
    public void Verify_DifferentToken_ReturnsFalse()
    {
        var stored = _hasher.Hash(_token);
        var other = BearerToken.Create("ak_0123456789abcDEF");

        Assert.False(_hasher.Verify(other, stored));
    }

    [Fact]
    public void Verify_EmptyExpectedHash_ReturnsFalse()
    {
        Assert.False(_hasher.Verify(_token, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Verify_TruncatedExpectedHash_ReturnsFalse()
    {
        var stored = _hasher.Hash(_token);

        Assert.False(_hasher.Verify(_token, stored.AsSpan(0, 31)));
    }

    [Fact]
    public void Verify_AllZeroExpectedHash_ReturnsFalse()
    {
        Assert.False(_hasher.Verify(_token, new byte[32]));
    }

    [Fact]
    public void Verify_HashUnderAnotherKey_ReturnsFalse()
    {
        var otherKey = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();
        var stored = new SecretHasher(otherKey).Hash(_token);

        Assert.False(_hasher.Verify(_token, stored));
    }

    [Fact]
    public void Hash_IsHmacSha256OfUtf8UnderTheKey()
    {
        var expected = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(_token));

        Assert.Equal(expected, _hasher.Hash(_token));
    }

    [Fact]
    public void Hash_SameToken_IsDeterministic()
    {
        Assert.Equal(_hasher.Hash(_token), _hasher.Hash(_token));
    }

    [Fact]
    public void Hash_TokenLongerThan256Characters_IsHmacOfUtf8AndVerifies()
    {
        var token = new string('x', 300);
        var stored = _hasher.Hash(token);

        Assert.Equal(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(token)), stored);
        Assert.True(_hasher.Verify(token, stored));
    }

    [Fact]
    public void Hash_NonAsciiTokenWhoseUtf8ExceedsTheStackBuffer_IsHmacOfUtf8()
    {
        // 100 characters (under the 256-character fast-path limit) but 300 UTF-8 bytes.
        var token = new string('\u20AC', 100);

        Assert.Equal(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(token)), _hasher.Hash(token));
    }

    [Fact]
    public void Verify_NonAsciiTokenWhoseUtf8ExceedsTheStackBuffer_ReturnsFalseForUnknownKey()
    {
        var token = new string('\u20AC', 100);

        Assert.False(_hasher.Verify(token, ReadOnlySpan<byte>.Empty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Constructor_KeyShorterThan32Bytes_Throws(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SecretHasher(new byte[length]));

        Assert.Equal("key", ex.ParamName);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Constructor_KeyOf32BytesOrMore_Works(int length)
    {
        var hasher = new SecretHasher(RandomNumberGenerator.GetBytes(length));

        Assert.Equal(32, hasher.Hash(_token).Length);
    }
}
