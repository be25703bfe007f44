using Gateway.Hosting;

namespace Gateway.Tests.Hosting;

public sealed class PublicUrlValidationTests
{
    [Theory]
    [InlineData("https://gateway.example.com")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("https://[2001:db8::1]:8443")]
    public void Validate_GoodPublicUrl_Succeeds(string url)
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { PublicUrl = url });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("gateway.example.com")]
    [InlineData("ftp://gateway.example.com")]
    [InlineData("https://gateway.example.com/?a=1")]
    [InlineData("https://user:pw@gateway.example.com")]
    [InlineData("/relative")]
    public void Validate_BadPublicUrl_FailsNamingTheKey(string url)
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { PublicUrl = url });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:PublicUrl", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
