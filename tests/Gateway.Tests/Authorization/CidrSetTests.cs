using System.Net;
using Gateway.Authorization;

namespace Gateway.Tests.Authorization;

public sealed class CidrSetTests
{
    [Fact]
    public void Admits_EmptyList_AdmitsAnyone_EvenUnknownAddress()
    {
        Assert.True(CidrSet.Admits([], IPAddress.Parse("203.0.113.7")));
        Assert.True(CidrSet.Admits([], null));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.1.7/32", "192.168.1.7", true)]
    [InlineData("192.168.1.7/32", "192.168.1.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::1", false)]
    [InlineData("::1/128", "127.0.0.1", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    public void Admits_SingleBlock(string cidr, string address, bool expected)
    {
        Assert.Equal(expected, CidrSet.Admits([cidr], IPAddress.Parse(address)));
    }

    [Fact]
    public void Admits_AnyOfSeveralBlocks()
    {
        IReadOnlyList<string> cidrs = ["10.0.0.0/8", "2001:db8::/32"];
        Assert.True(CidrSet.Admits(cidrs, IPAddress.Parse("2001:db8::1")));
        Assert.True(CidrSet.Admits(cidrs, IPAddress.Parse("10.0.0.1")));
        Assert.False(CidrSet.Admits(cidrs, IPAddress.Parse("172.16.0.1")));
    }

    [Fact]
    public void Admits_NonEmptyList_RefusesUnknownAddress()
    {
        Assert.False(CidrSet.Admits(["0.0.0.0/0"], null));
    }

    [Fact]
    public void Normalize_DropsMappingAndScope()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), CidrSet.Normalize(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.Equal(IPAddress.Parse("fe80::1"), CidrSet.Normalize(IPAddress.Parse("fe80::1%2")));
    }

    [Fact]
    public void NormalizedText_ReusesTheTextOfAnEqualAddressAndNeverAStaleOne()
    {
        var mapped = IPAddress.Parse("::ffff:10.1.2.3");

        var first = CidrSet.NormalizedText(mapped);
        var again = CidrSet.NormalizedText(IPAddress.Parse("::ffff:10.1.2.3"));

        Assert.Equal("10.1.2.3", first);
        Assert.Same(first, again);
        Assert.Equal("10.1.2.4", CidrSet.NormalizedText(IPAddress.Parse("::ffff:10.1.2.4")));
        Assert.Equal("10.1.2.3", CidrSet.NormalizedText(IPAddress.Parse("10.1.2.3")));
        Assert.Equal("fe80::1", CidrSet.NormalizedText(IPAddress.Parse("fe80::1%2")));
        Assert.Equal("fe80::1", CidrSet.NormalizedText(IPAddress.Parse("fe80::1%3")));
    }

    [Fact]
    public void NormalizedText_AnAddressChangedAfterwardsDoesNotChangeWhatIsReused()
    {
        var address = IPAddress.Parse("10.0.0.1");
        Assert.Equal("10.0.0.1", CidrSet.NormalizedText(address));

#pragma warning disable CS0618 // the obsolete setter is the point: a caller may change the address it passed
        address.Address = IPAddress.Parse("10.0.0.2").Address;
#pragma warning restore CS0618

        Assert.Equal("10.0.0.2", CidrSet.NormalizedText(IPAddress.Parse("10.0.0.2")));
    }
}
