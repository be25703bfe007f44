using Gateway.Accounts.Tokens;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [InlineData("gwk_0123456789ABCDEF_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", 0xC19A2CCEu)] // a token's 64 checksummed characters
    [InlineData("The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog. ", 0x001E0058u)] // past the stack limit
    public void Compute_KnownVectors(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(text));
    }

    [Fact]
    public void Compute_IsTheTablesChecksum_AtEveryLengthAroundTheVectorisedSizes_AndForNonAsciiCharacters()
    {
        var random = new Random(13);
        for (var length = 0; length <= Crc32.StackLimit + 70; length++)
        {
            var ascii = new string([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(128))]);
            Assert.Equal(Crc32.ComputeByTable(ascii), Crc32.Compute(ascii));

            // A character past ASCII is taken as its low byte, as before: the whole text takes the table.
            if (length > 0)
            {
                var chars = ascii.ToCharArray();
                chars[random.Next(length)] = (char)random.Next(128, char.MaxValue + 1);
                Assert.Equal(Crc32.ComputeByTable(chars), Crc32.Compute(chars));
            }
        }

        // 'Ł' (U+0141) is taken as 0x41, 'A'.
        Assert.Equal(Crc32.Compute("gwk_A"), Crc32.Compute("gwk_\u0141"));
    }

    [Fact]
    public void Compute_OneCharacterChanged_ChangesResult()
    {
        Assert.NotEqual(Crc32.Compute("gwk_abc"), Crc32.Compute("gwk_abd"));
    }

    [Fact]
    public void Compute_SameInput_IsDeterministic()
    {
        var text = new string('x', 1000);

        Assert.Equal(Crc32.Compute(text), Crc32.Compute(text));
    }
}
