using System.Text;
using Gateway.Client;
using Gateway.Client.Signing;
using Gateway.Client.Signing.Rfc9421;
using Gateway.Client.Signing.SigV4;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Signing.Tests.Client;

/// <summary>
/// The client's one list of signature schemes: where <c>AddGatewaySigning</c> and gatewayctl's <c>--scheme</c> find a
/// scheme by name, refusing any other name with the registered choices; each scheme writes exactly the credential
/// headers it declares (and replaces stale ones).
/// </summary>
public sealed class SigningSchemeRegistryTests
{
    private static readonly SigningKey Key = new("ak_0123456789abcdef", "gws_S3cr3t/with+symbols=");

    public static TheoryData<string> SchemeNames => [.. SigningSchemeRegistry.Default.Names];

    [Fact]
    public void Default_ListsRfc9421First_ThenSigV4()
    {
        Assert.Equal(["rfc9421", "aws-sigv4"], SigningSchemeRegistry.Default.Names);
        Assert.Equal("rfc9421", SigningSchemeRegistry.Default.Get(null).Name);
        Assert.Equal("aws-sigv4", SigningSchemeRegistry.Default.Get("AWS-SigV4").Name);
    }

    [Fact]
    public void Get_UnknownScheme_IsRefused_ListingTheRegisteredChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => SigningSchemeRegistry.Default.Get("hmac-md5"));

        Assert.Contains("'hmac-md5'", error.Message, StringComparison.Ordinal);
        Assert.Contains("rfc9421, aws-sigv4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddGatewaySigning_UnknownScheme_IsRefusedAtRegistration()
    {
        var builder = new ServiceCollection().AddHttpClient("signed");

        var error = Assert.Throws<ArgumentException>(() =>
            builder.AddGatewaySigning(new GatewaySigningOptions { Scheme = "sigv2", KeyId = Key.KeyId, Secret = Key.Secret }));

        Assert.Contains("rfc9421, aws-sigv4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGatewaySigning_ConfiguredSigner_SignsWithItsSettings()
    {
        var server = new CapturingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("signed")
            .ConfigurePrimaryHttpMessageHandler(() => server)
            .AddGatewaySigning(new SigV4RequestSigner { Region = "eu-west-1", Service = "runs" }, Key);
        await using var provider = services.BuildServiceProvider();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("signed").GetAsync("https://api.example.com/v1/runs");

        var (received, _, _) = Assert.Single(server.Received);
        Assert.True(received.TryGetHeader("Authorization", out var authorization));
        Assert.Contains("/eu-west-1/runs/aws4_request", authorization.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SecondSchemeOfTheSameName_IsRefused()
    {
        var registry = new SigningSchemeRegistry().Add(new Rfc9421RequestSigner());

        Assert.Throws<ArgumentException>(() => registry.Add(new Rfc9421RequestSigner { Label = "other" }));
        Assert.Equal(["rfc9421"], registry.Names);
    }

    [Fact]
    public void Options_AndKey_LeaveTheSecretOutOfToString()
    {
        var options = new GatewaySigningOptions { Scheme = "rfc9421", KeyId = Key.KeyId, Secret = Key.Secret };

        Assert.DoesNotContain(Key.Secret, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key.Secret, Key.ToString(), StringComparison.Ordinal);
        Assert.Contains(Key.KeyId, Key.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SchemeNames))]
    public async Task EveryScheme_WritesExactlyTheCredentialHeadersItDeclares_ReplacingStaleOnes(string name)
    {
        var signer = SigningSchemeRegistry.Default.Get(name);
        var server = new CapturingHandler();
        using var client = new HttpClient(new SigningHandler(signer, Key, new FakeTimeProvider(DateTimeOffset.UtcNow), server));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/v1/runs?limit=5")
        {
            Content = new StringContent("{\"ref\":\"main\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        foreach (var header in signer.CredentialHeaders)
        {
            request.Headers.TryAddWithoutValidation(header, "stale");
        }

        using var response = await client.SendAsync(request);

        var (received, body, _) = Assert.Single(server.Received);
        Assert.Equal("{\"ref\":\"main\"}", Encoding.UTF8.GetString(body));
        foreach (var header in signer.CredentialHeaders)
        {
            Assert.True(received.TryGetHeader(header, out var value), $"{name} declares {header} but did not write it");
            Assert.DoesNotContain("stale", value.ToString(), StringComparison.Ordinal);
        }

        var written = new[] { "Host", "Accept", "Content-Type", "Content-Length" }.Concat(signer.CredentialHeaders);
        Assert.All(received.HeaderNames, header => Assert.Contains(header, written, StringComparer.OrdinalIgnoreCase));
    }
}
