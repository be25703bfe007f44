using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("ci-runner_01.prod")]
    [InlineData("Build.Agent-2")]
    [InlineData("a-")]
    [InlineData("a.")]
    public void IsValidIdentifier_Ok_ReturnsTrue(string value)
    {
        Assert.True(NameRules.IsValidIdentifier(value));
    }

    [Fact]
    public void IsValidIdentifier_64Characters_ReturnsTrue()
    {
        Assert.True(NameRules.IsValidIdentifier(new string('a', 64)));
    }

    [Fact]
    public void IsValidIdentifier_65Characters_ReturnsFalse()
    {
        Assert.False(NameRules.IsValidIdentifier(new string('a', 65)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("_underscore")]
    [InlineData("with space")]
    [InlineData("slash/name")]
    [InlineData("colon:name")]
    [InlineData("new\nline")]
    [InlineData("caf\u00e9")]
    [InlineData("\u0661")]
    [InlineData("star*")]
    [InlineData("name ")]
    public void IsValidIdentifier_Bad_ReturnsFalse(string? value)
    {
        Assert.False(NameRules.IsValidIdentifier(value));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("192.168.1.0/24", "192.168.1.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.1.2.3/32", "10.1.2.3/32")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("2001:0db8:0000::/48", "2001:db8::/48")]
    [InlineData("::/0", "::/0")]
    [InlineData("::1/128", "::1/128")]
    public void TryNormalizeCidr_Blocks_AreCanonical(string value, string expected)
    {
        Assert.True(NameRules.TryNormalizeCidr(value, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3/32")]
    [InlineData("127.0.0.1", "127.0.0.1/32")]
    [InlineData("::1", "::1/128")]
    [InlineData("2001:DB8::1", "2001:db8::1/128")]
    public void TryNormalizeCidr_SingleAddress_BecomesHostBlock(string value, string expected)
    {
        Assert.True(NameRules.TryNormalizeCidr(value, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1/128")]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104")]
    public void TryNormalizeCidr_Ipv4MappedIpv6_StaysIpv6(string value, string expected)
    {
        Assert.True(NameRules.TryNormalizeCidr(value, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("192.168.1.1/24")]
    [InlineData("10.0.0.129/25")]
    [InlineData("2001:db8::1/32")]
    [InlineData("::1/64")]
    public void TryNormalizeCidr_HostBitsSet_ReturnsFalse(string value)
    {
        Assert.False(NameRules.TryNormalizeCidr(value, out var normalized));
        Assert.Equal("", normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("10.0.0.0/")]
    [InlineData("/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("2001:db8::/129")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.0.0.0/abc")]
    [InlineData(" 10.0.0.0/8")]
    [InlineData("10.0.0.0/8 ")]
    [InlineData("example.com")]
    public void TryNormalizeCidr_Garbage_ReturnsFalse(string? value)
    {
        Assert.False(NameRules.TryNormalizeCidr(value, out var normalized));
        Assert.Equal("", normalized);
    }

    [Fact]
    public void TryNormalizeCidr_Over64Characters_ReturnsFalse()
    {
        var value = "2001:0db8:0000:0000:0000:0000:0000:0000/128" + new string('0', 30);

        Assert.False(NameRules.TryNormalizeCidr(value, out _));
    }
}
