using System.Text;
using Gateway.Client;
using Gateway.Client.Signing;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// Every scheme in the client's registry, chosen by name through <c>AddGatewaySigning</c>, is accepted by the real
/// gateway as that very scheme: a scheme added to the registry is tested here without editing this file.
/// </summary>
public sealed class SigningSchemeRegistryTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> SchemeNames => [.. SigningSchemeRegistry.Default.Names];

    [Theory]
    [MemberData(nameof(SchemeNames))]
    public async Task AddGatewaySigning_EachRegisteredScheme_RoundTripsThroughTheGateway(string scheme)
    {
        var (account, keyId, secret) = await fixture.Gateway.CreateHmacCallerAsync("registry-" + scheme);
        var services = new ServiceCollection();
        services.AddHttpClient("signed", http => http.BaseAddress = fixture.Gateway.Proxy.BaseAddress)
            .AddGatewaySigning(new GatewaySigningOptions { Scheme = scheme, KeyId = keyId, Secret = secret });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("signed");

        var echo = await Echo.ReadAsync(await client.PostAsync("echo/registry?page=2",
            new StringContent("{\"scheme\":\"" + scheme + "\"}", Encoding.UTF8, "application/json")));
        var identity = await new GatewayProxyClient(client).WhoAmIAsync();

        Assert.Equal(scheme, echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal("{\"scheme\":\"" + scheme + "\"}", echo.Body);
        Assert.Equal("?page=2", echo.Query);
        Assert.Equal((account, scheme), (identity.PrincipalId, identity.AuthScheme));
        foreach (var header in SigningSchemeRegistry.Default.Get(scheme).CredentialHeaders.Where(h => !h.Equals("Content-Digest", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.Null(echo.Header(header));
        }
    }
}
