using System.Buffers.Text;
using System.Text;
using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class AccountCursorTests
{
    private const string AccountId = "sa_0123456789abcDEF";

    [Theory]
    [InlineData(0L)]
    [InlineData(1_900_000_000_123L)]
    [InlineData(long.MaxValue)]
    public void Encode_ThenTryDecode_RoundTrips(long createdAtMs)
    {
        var cursor = new AccountCursor(createdAtMs, AccountId);

        Assert.True(AccountCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Fact]
    public void Encode_IsUrlSafeWithoutPadding()
    {
        var encoded = new AccountCursor(1_900_000_000_123L, AccountId).Encode();

        Assert.Matches("^[A-Za-z0-9_-]+$", encoded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!!!!")]
    [InlineData("not a cursor")]
    [InlineData("abc=def")]
    public void TryDecode_Garbage_ReturnsFalse(string? value)
    {
        Assert.False(AccountCursor.TryDecode(value, out var cursor));
        Assert.Null(cursor);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("123:")]
    [InlineData(":sa_0123456789abcDEF")]
    [InlineData("123:ak_0123456789abcDEF")]
    [InlineData("123:sa_0123456789abc")]
    [InlineData("123:sa_0123456789abcDEF0")]
    [InlineData("123:sa_0123456789abc-EF")]
    [InlineData("-5:sa_0123456789abcDEF")]
    [InlineData("+5:sa_0123456789abcDEF")]
    [InlineData(" 5:sa_0123456789abcDEF")]
    [InlineData("1.5:sa_0123456789abcDEF")]
    [InlineData("9223372036854775808:sa_0123456789abcDEF")]
    [InlineData("99999999999999999999999:sa_0123456789abcDEF")]
    [InlineData("12:34:sa_0123456789abcDEF")]
    public void TryDecode_WellEncodedButWrongContent_ReturnsFalse(string text)
    {
        Assert.False(AccountCursor.TryDecode(Encode(text), out var cursor));
        Assert.Null(cursor);
    }

    [Fact]
    public void TryDecode_WellEncodedValidContent_ReturnsTrue()
    {
        // Guards the helper used above.
        Assert.True(AccountCursor.TryDecode(Encode("5:sa_0123456789abcDEF"), out var cursor));
        Assert.Equal(new AccountCursor(5, AccountId), cursor);
    }

    [Fact]
    public void TryDecode_NonAsciiBytes_ReturnsFalse()
    {
        var bytes = Encoding.UTF8.GetBytes("5:sa_0123456789abc\u00e9E");

        Assert.False(AccountCursor.TryDecode(Base64Url.EncodeToString(bytes), out _));
    }

    [Fact]
    public void TryDecode_Over128Characters_ReturnsFalse()
    {
        // Leading zeros keep the content valid, so only the length differs between the two cases.
        var shortEnough = Encode(new string('0', 50) + "1:" + AccountId);
        var tooLong = Encode(new string('0', 80) + "1:" + AccountId);

        Assert.True(shortEnough.Length <= 128);
        Assert.True(tooLong.Length > 128);
        Assert.True(AccountCursor.TryDecode(shortEnough, out _));
        Assert.False(AccountCursor.TryDecode(tooLong, out var cursor));
        Assert.Null(cursor);
    }

    [Fact]
    public void TryDecode_LongGarbage_ReturnsFalse()
    {
        Assert.False(AccountCursor.TryDecode(new string('A', 10_000), out _));
    }

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
}
