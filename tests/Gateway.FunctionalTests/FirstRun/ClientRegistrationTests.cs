using Gateway.Client;
using Gateway.Client.Admin;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>The IHttpClientFactory helpers of Gateway.Client against a real gateway: signed, SigV4 and bearer clients.</summary>
public sealed class ClientRegistrationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task AddGatewayClient_WithRfc9421Signing_IsTheHmacKeysAccount()
    {
        var (account, keyId, secret) = await fixture.Gateway.CreateHmacCallerAsync("di-signed");
        var services = new ServiceCollection();
        var (proxy, _) = services.AddGatewayClient(fixture.Gateway.Proxy.BaseAddress!);
        proxy.AddGatewaySigning(new Rfc9421SigningOptions { KeyId = keyId, Secret = secret });
        await using var provider = services.BuildServiceProvider();

        var identity = await provider.GetRequiredService<GatewayProxyClient>().WhoAmIAsync();

        Assert.Equal(account, identity.PrincipalId);
        Assert.Equal("rfc9421", identity.AuthScheme);
    }

    [Fact]
    public async Task AddHttpClient_AddGatewaySigning_SigV4_AndBearer()
    {
        var (account, keyId, secret) = await fixture.Gateway.CreateHmacCallerAsync("di-sigv4");
        var (bearerAccount, _, token) = await fixture.Gateway.CreateCallerAsync("di-bearer");
        var services = new ServiceCollection();
        services.AddHttpClient("sigv4", http => http.BaseAddress = fixture.Gateway.Proxy.BaseAddress)
            .AddGatewaySigning(new SigV4SigningOptions { AccessKeyId = keyId, Secret = secret });
        services.AddHttpClient("bearer", http => http.BaseAddress = fixture.Gateway.Proxy.BaseAddress)
            .AddGatewayBearerToken(new BearerTokenOptions { Token = token });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        var signed = await new GatewayProxyClient(factory.CreateClient("sigv4")).WhoAmIAsync();
        var bearer = await new GatewayProxyClient(factory.CreateClient("bearer")).WhoAmIAsync();

        Assert.Equal((account, "aws-sigv4"), (signed.PrincipalId, signed.AuthScheme));
        Assert.Equal((bearerAccount, "api-key"), (bearer.PrincipalId, bearer.AuthScheme));
    }

    [Fact]
    public async Task AddGatewayClient_AdminClient_WithBearerToken_ReadsAccounts()
    {
        var services = new ServiceCollection();
        var (_, admin) = services.AddGatewayClient(fixture.Gateway.Proxy.BaseAddress!, fixture.Gateway.Admin.BaseAddress!);
        admin!.AddGatewayBearerToken(new BearerTokenOptions { Token = fixture.Gateway.BootstrapToken });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<GatewayAdminClient>();

        var created = await fixture.Gateway.CreateAccountAsync("di-admin-read");
        var account = await client.GetServiceAccountAsync(created);
        Assert.Equal("di-admin-read", account.Name);
    }
}
