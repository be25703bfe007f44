using System.Net;
using Gateway.Listeners;

namespace Gateway.Tests.Hosting;

public sealed class ListenerEndpointTests
{
    [Theory]
    [InlineData("http://0.0.0.0:8080", false, "0.0.0.0", 8080)]
    [InlineData("http://127.0.0.1:8081", false, "127.0.0.1", 8081)]
    [InlineData("https://127.0.0.1:8443", true, "127.0.0.1", 8443)]
    [InlineData("HTTPS://10.1.2.3:443", true, "10.1.2.3", 443)]
    [InlineData("http://[::1]:8080", false, "::1", 8080)]
    [InlineData("http://[::]:8080", false, "::", 8080)]
    [InlineData("https://[2001:db8::5]:9443", true, "2001:db8::5", 9443)]
    [InlineData("http://127.0.0.1:0", false, "127.0.0.1", 0)]
    [InlineData("http://127.0.0.1:65535", false, "127.0.0.1", 65535)]
    [InlineData("http://0.0.0.0:8080/", false, "0.0.0.0", 8080)]
    public void TryParse_AddressAndPort(string url, bool https, string address, int port)
    {
        Assert.True(ListenerEndpoint.TryParse(url, out var endpoint));
        Assert.Equal(new ListenerEndpoint(https, IPAddress.Parse(address), port), endpoint);
    }

    [Theory]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    public void TryParse_Wildcard_BindsIpv6Any(string url)
    {
        Assert.True(ListenerEndpoint.TryParse(url, out var endpoint));
        Assert.Equal(IPAddress.IPv6Any, endpoint!.Address);
        Assert.Equal(8080, endpoint.Port);
    }

    [Fact]
    public void TryParse_Localhost_BindsIpv4Loopback()
    {
        Assert.True(ListenerEndpoint.TryParse("http://localhost:5000", out var endpoint));
        Assert.Equal(IPAddress.Loopback, endpoint!.Address);
        Assert.False(endpoint.Https);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:")]
    [InlineData("http://[::1]")]
    [InlineData("http://:8080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("tcp://127.0.0.1:80")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("//127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/admin")]
    [InlineData("http://127.0.0.1:8080/a/b")]
    [InlineData("http://127.0.0.1:65536")]
    [InlineData("http://127.0.0.1:99999999999")]
    [InlineData("http://127.0.0.1:-1")]
    [InlineData("http://127.0.0.1:+80")]
    [InlineData("http://127.0.0.1:80x")]
    [InlineData("http://127.0.0.1:8080?x=1")]
    [InlineData("http://example.com:80")]
    [InlineData("http://::1:8080")]
    [InlineData("http://[::1:8080")]
    [InlineData("http://user@127.0.0.1:80")]
    public void TryParse_Malformed_ReturnsFalse(string? url)
    {
        Assert.False(ListenerEndpoint.TryParse(url, out var endpoint));
        Assert.Null(endpoint);
    }
}
