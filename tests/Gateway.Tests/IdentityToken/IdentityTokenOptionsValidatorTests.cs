using Gateway.Authorization;
using Gateway.Configuration;
using Gateway.IdentityToken;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Tests.IdentityToken;

public sealed class IdentityTokenOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new IdentityTokenOptionsValidator().Validate(null, new IdentityTokenOptions()).Succeeded);
    }

    [Theory]
    [InlineData("https://gw.example.com", true)]
    [InlineData("urn:example:gateway", true)]
    [InlineData("gateway", false)]
    [InlineData("https://gw.example.com/?x=1", false)]
    [InlineData("https://user@gw.example.com", false)]
    [InlineData("https://gw.example.com/#f", false)]
    [InlineData("", false)]
    public void Issuer_MustBeAnAbsoluteUri(string issuer, bool valid)
    {
        var result = new IdentityTokenOptionsValidator().Validate(null, new IdentityTokenOptions { Issuer = issuer });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Gateway:IdentityToken:Issuer", result.FailureMessage);
        }
    }

    [Theory]
    [InlineData("https://gateway.internal:8082/.well-known/jwks.json", true)]
    [InlineData("/.well-known/jwks.json", false)]
    [InlineData("ftp://gateway.internal/jwks.json", false)]
    public void JwksUri_MustBeAnAbsoluteHttpUrl(string jwksUri, bool valid)
    {
        Assert.Equal(valid, new IdentityTokenOptionsValidator().Validate(null, new IdentityTokenOptions { JwksUri = jwksUri }).Succeeded);
    }

    [Theory]
    [InlineData(29, 300, 30, "Lifetime")]
    [InlineData(3601, 300, 30, "Lifetime")]
    [InlineData(300, -1, 30, "JwksMaxAge")]
    [InlineData(300, 300, 0, "RefreshInterval")]
    public void OutOfRangeDurations_AreRefused_NamingTheKey(int lifetime, int maxAge, int refresh, string key)
    {
        var result = new IdentityTokenOptionsValidator().Validate(null, new IdentityTokenOptions
        {
            Lifetime = TimeSpan.FromSeconds(lifetime),
            JwksMaxAge = TimeSpan.FromSeconds(maxAge),
            RefreshInterval = TimeSpan.FromSeconds(refresh),
        });

        Assert.Contains("Gateway:IdentityToken:" + key, Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(RouteMetadataKeys.IdentityToken, "true", true)]
    [InlineData(RouteMetadataKeys.IdentityToken, "False", true)]
    [InlineData(RouteMetadataKeys.IdentityToken, "yes", false)]
    [InlineData(RouteMetadataKeys.IdentityAudience, "billing-api", true)]
    [InlineData(RouteMetadataKeys.IdentityAudience, "https://billing.internal/", true)]
    [InlineData(RouteMetadataKeys.IdentityAudience, "", false)]
    [InlineData(RouteMetadataKeys.IdentityAudience, "two words", false)]
    public void RouteMetadata_IsValidatedStrictly(string key, string value, bool valid)
    {
        var context = new TransformRouteValidationContext
        {
            Services = null!,
            Route = new RouteConfig { RouteId = "r1", ClusterId = "c", Match = new RouteMatch { Path = "/x" }, Metadata = new Dictionary<string, string> { [key] = value } },
        };

        new RouteMetadataValidator().ValidateRoute(context);

        Assert.Equal(valid, context.Errors.Count == 0);
    }
}
