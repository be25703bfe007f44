using Gateway.Accounts.Tokens;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_KnownVectors(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(text));
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
