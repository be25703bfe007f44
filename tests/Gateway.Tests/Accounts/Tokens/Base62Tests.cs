using Gateway.Accounts.Tokens;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class Base62Tests
{
    [Fact]
    public void Alphabet_Has62DistinctAsciiAlphanumericsInValueOrder()
    {
        Assert.Equal(62, Base62.Alphabet.Length);
        Assert.Equal(62, Base62.Alphabet.Distinct().Count());
        Assert.All(Base62.Alphabet, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal('0', Base62.Alphabet[0]);
        Assert.Equal('A', Base62.Alphabet[10]);
        Assert.Equal('a', Base62.Alphabet[36]);
        Assert.Equal('z', Base62.Alphabet[61]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(43)]
    [InlineData(500)]
    public void Random_ReturnsRequestedLengthOfAlphabetCharacters(int length)
    {
        var value = Base62.Random(length);

        Assert.Equal(length, value.Length);
        Assert.True(Base62.IsBase62(value));
    }

    [Fact]
    public void IsBase62_AcceptsExactlyTheAsciiLettersAndDigits_AtEveryPositionOfAVectorisedScan()
    {
        // Every UTF-16 code unit, alone and placed at each position of a 64-character token-like value (the
        // vectorised search handles the head, the vector-sized blocks and the tail differently).
        var valid = Base62.Random(64).ToCharArray();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var expected = char.IsAsciiLetterOrDigit((char)c);
            Assert.Equal(expected, Base62.IsBase62([(char)c]));
            if (!expected && (c % 97 == 0 || c is '_' or '-' or '+' or '/' or '=' or '.' or 0 or 0xFF or 0x130 or 0x212A or 0xFFFF))
            {
                foreach (var position in new[] { 0, 7, 8, 15, 16, 31, 32, 47, 55, 62, 63 })
                {
                    var value = (char[])valid.Clone();
                    value[position] = (char)c;
                    Assert.False(Base62.IsBase62(value));
                }
            }
        }

        Assert.True(Base62.IsBase62(valid));
        Assert.True(Base62.IsBase62(""));
    }

    [Fact]
    public void Random_TwoCalls_Differ()
    {
        Assert.NotEqual(Base62.Random(16), Base62.Random(16));
    }

    [Fact]
    public void Random_ManyCharacters_UsesWholeAlphabet()
    {
        // 20,000 draws miss a given character with probability (61/62)^20000, i.e. never.
        var seen = new HashSet<char>(Base62.Random(20_000));

        Assert.Equal(62, seen.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("abcXYZ019")]
    [InlineData("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")]
    public void IsBase62_AlphabetOnly_ReturnsTrue(string value)
    {
        Assert.True(Base62.IsBase62(value));
    }

    [Theory]
    [InlineData("abc_def")]
    [InlineData("abc-def")]
    [InlineData("abc def")]
    [InlineData("abc+/=")]
    [InlineData("caf\u00e9")]
    [InlineData("\u0661\u0662")]
    [InlineData("\uFF21")]
    [InlineData("abc\0")]
    public void IsBase62_OtherCharacters_ReturnsFalse(string value)
    {
        Assert.False(Base62.IsBase62(value));
    }

    [Theory]
    [InlineData(0UL, "000000")]
    [InlineData(1UL, "000001")]
    [InlineData(9UL, "000009")]
    [InlineData(10UL, "00000A")]
    [InlineData(35UL, "00000Z")]
    [InlineData(36UL, "00000a")]
    [InlineData(61UL, "00000z")]
    [InlineData(62UL, "000010")]
    [InlineData(3844UL, "000100")]
    [InlineData(4294967295UL, "4gfFC3")]
    public void EncodeFixed_KnownValues(ulong value, string expected)
    {
        Span<char> buffer = stackalloc char[6];
        Base62.EncodeFixed(value, buffer);

        Assert.Equal(expected, new string(buffer));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(123456789UL)]
    [InlineData(uint.MaxValue)]
    public void EncodeFixed_DecodesBackToValue(ulong value)
    {
        Span<char> buffer = stackalloc char[6];
        Base62.EncodeFixed(value, buffer);

        ulong decoded = 0;
        foreach (var c in buffer)
        {
            decoded = decoded * 62 + (ulong)Base62.Alphabet.IndexOf(c);
        }

        Assert.Equal(value, decoded);
    }

    [Fact]
    public void EncodeFixed_ValueTooLargeForWidth_KeepsLeastSignificantDigits()
    {
        Span<char> buffer = stackalloc char[2];
        Base62.EncodeFixed(3844UL + 62UL + 5UL, buffer); // digits 1,1,5

        Assert.Equal("15", new string(buffer));
    }
}
