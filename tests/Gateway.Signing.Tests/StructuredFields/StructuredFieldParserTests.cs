using Gateway.Signing.StructuredFields;

namespace Gateway.Signing.Tests.StructuredFields;

public sealed class StructuredFieldParserTests
{
    [Fact]
    public void TryParseDictionary_AllBareItemTypes()
    {
        Assert.True(StructuredFieldParser.TryParseDictionary(
            "i=-42, d=3.141, s=\"a\\\"b\\\\c\", t=*tok/en:x, b=:aGk=:, yes, no=?0;p=1;q",
            out var dictionary));

        var items = dictionary.Members.ToDictionary(m => m.Key, m => m.Item!.Value);
        Assert.Equal(-42, items["i"].Integer);
        Assert.Equal(3.141m, items["d"].Decimal);
        Assert.Equal("a\"b\\c", items["s"].Text);
        Assert.Equal((SfItemKind.Token, "*tok/en:x"), (items["t"].Kind, items["t"].Text));
        Assert.Equal("hi"u8.ToArray(), items["b"].Bytes);
        Assert.True(items["yes"].Boolean);
        Assert.False(items["no"].Boolean);
        var parameters = dictionary.Members[^1].Item!.Parameters;
        Assert.True(parameters.TryGet("p", out var p) && p.Integer == 1);
        Assert.True(parameters.TryGet("q", out var q) && q.Boolean);
    }

    [Fact]
    public void TryParseDictionary_InnerList_KeepsSerialization()
    {
        Assert.True(StructuredFieldParser.TryParseDictionary("a=( 1  \"x\";k=?0 );p=\"v\" , b=()", out var dictionary));

        var a = dictionary.Members[0].InnerList!;
        Assert.Equal("( 1  \"x\";k=?0 );p=\"v\"", a.Serialized);
        Assert.Equal(2, a.Items.Count);
        Assert.Empty(dictionary.Members[1].InnerList!.Items);
        Assert.False(dictionary.HasDuplicateKeys);
    }

    [Fact]
    public void TryParseDictionary_DuplicateKeys_AreKeptAndFlagged()
    {
        Assert.True(StructuredFieldParser.TryParseDictionary("a=1, a=2", out var dictionary));

        Assert.True(dictionary.HasDuplicateKeys);
        Assert.True(dictionary.TryGet("a", out var last));
        Assert.Equal(2, last!.Item!.Value.Integer);
    }

    [Theory]
    [InlineData(":aGk=:", "hi")]
    [InlineData(":aGkh:", "hi!")]
    [InlineData(":aA==:", "h")]
    [InlineData("::", "")]
    public void TryParseDictionary_ByteSequence_DecodesExactly(string value, string expected)
    {
        Assert.True(StructuredFieldParser.TryParseDictionary("b=" + value, out var dictionary));

        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(expected), dictionary.Members[0].Item!.Value.Bytes);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(20)]
    public void TryParseDictionary_ManyMembersItemsAndParameters_KeepEveryOneInOrder(int count)
    {
        var numbers = Enumerable.Range(0, count).ToArray();
        var input = string.Join(", ", numbers.Select(i => $"m{i}=({string.Join(' ', numbers.Select(n => n * 10 + i))})" +
            string.Concat(numbers.Select(n => $";p{n}={n}"))));

        Assert.True(StructuredFieldParser.TryParseDictionary(input, out var dictionary));

        Assert.Equal(numbers.Select(i => $"m{i}"), dictionary.Members.Select(m => m.Key));
        Assert.False(dictionary.HasDuplicateKeys);
        var last = dictionary.Members[^1].InnerList!;
        Assert.Equal(numbers.Select(n => (long)(n * 10 + count - 1)), last.Items.Select(item => item.Value.Integer));
        Assert.Equal(numbers.Select(n => ($"p{n}", (long)n)), last.Parameters.Entries.Select(e => (e.Key, e.Value.Integer)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(12)]
    public void TryParseDictionary_DuplicateKeyAmongMany_IsFlagged(int count)
    {
        var input = string.Join(", ", Enumerable.Range(0, count).Select(i => $"k{i}=1")) + ", k1=2";

        Assert.True(StructuredFieldParser.TryParseDictionary(input, out var dictionary));

        Assert.True(dictionary.HasDuplicateKeys);
    }

    [Theory]
    [InlineData("a=1,")]
    [InlineData(",a=1")]
    [InlineData("a=1 b=2")]
    [InlineData("A=1")]
    [InlineData("a=\"unterminated")]
    [InlineData("a=\"bad\\escape\"")]
    [InlineData("a=:bad*base64:")]
    [InlineData("a=:a===:")]
    [InlineData("a=:ab=c:")]
    [InlineData("a=:====:")]
    [InlineData("a=(1 2")]
    [InlineData("a=(1,2)")]
    [InlineData("a=1234567890123456")]
    [InlineData("a=1234567890123.1")]
    [InlineData("a=1.1234")]
    [InlineData("a=?")]
    [InlineData("a=#")]
    [InlineData("a=1;")]
    [InlineData("a=1;P=2")]
    [InlineData("a=\"tab\there\"")]
    public void TryParseDictionary_Malformed_ReturnsFalse(string input)
    {
        Assert.False(StructuredFieldParser.TryParseDictionary(input, out var dictionary));
        Assert.Null(dictionary);
    }

    [Fact]
    public void TryParseDictionary_Null_ReturnsFalse()
    {
        Assert.False(StructuredFieldParser.TryParseDictionary(null, out _));
    }
}
