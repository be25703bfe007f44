using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Gateway.Authentication.Signature.Rfc9421;
using Gateway.Authentication.Signature.SigV4;
using Gateway.Forwarding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Authentication;

/// <summary>A signature scheme is one registration: its challenge, its detection and its credential headers follow from it.</summary>
public sealed class SignatureSchemeRegistrationTests : IDisposable
{
    private readonly ServiceProvider _services;

    public SignatureSchemeRegistrationTests()
    {
        var services = new ServiceCollection();
        services.AddGatewayAuthentication()
            .AddApiKey()
            .AddSignatures(new ConfigurationBuilder().Build())
            .AddRfc9421()
            .AddSigV4();
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public void Challenges_FollowRegistrationOrder_BearerFirst()
    {
        Assert.Equal(
            ["Bearer realm=\"gateway\"", "Signature realm=\"gateway\", alg=\"hmac-sha256\"", "AWS4-HMAC-SHA256 realm=\"gateway\""],
            _services.GetRequiredService<AuthenticationChallenges>().Values);
    }

    [Fact]
    public void Schemes_AreTriedInRegistrationOrder()
    {
        Assert.Equal([AuthSchemeNames.Rfc9421, AuthSchemeNames.AwsSigV4],
            _services.GetRequiredService<SignatureSchemes>().All.Select(s => s.Name));
    }

    [Fact]
    public void EveryRegisteredScheme_CredentialHeaders_AreRemovedBeforeForwarding()
    {
        var credentials = _services.GetRequiredService<CredentialHeaderSet>();
        foreach (var scheme in _services.GetRequiredService<SignatureSchemes>().All)
        {
            Assert.NotEmpty(scheme.CredentialHeaders);
            foreach (var header in scheme.CredentialHeaders.Select(h => h.TrimEnd('*') + (h.EndsWith('*') ? "Date" : "")))
            {
                Assert.True(HeaderNameRules.IsCredential(header, credentials), $"{scheme.Name}'s credential header {header} would be forwarded");
            }
        }
    }

    [Theory]
    [InlineData("Signature-Input", "sig1=()", GatewayAuthenticationDefaults.SignatureScheme)]
    [InlineData("Authorization", "AWS4-HMAC-SHA256 Credential=x", GatewayAuthenticationDefaults.SignatureScheme)]
    [InlineData("Authorization", "Bearer gwk_x", GatewayAuthenticationDefaults.ApiKeyScheme)]
    [InlineData("X-API-Key", "gwk_x", GatewayAuthenticationDefaults.ApiKeyScheme)]
    [InlineData("Accept", "*/*", GatewayAuthenticationDefaults.ApiKeyScheme)]
    public void PolicyScheme_SendsRequestsASchemeRecognises_ToTheSignatureHandler(string header, string value, string expected)
    {
        var policy = _services.GetRequiredService<IOptionsMonitor<PolicySchemeOptions>>().Get(GatewayAuthenticationDefaults.PolicyScheme);
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;

        Assert.Equal(expected, policy.ForwardDefaultSelector!(context));
    }

    public void Dispose() => _services.Dispose();
}
