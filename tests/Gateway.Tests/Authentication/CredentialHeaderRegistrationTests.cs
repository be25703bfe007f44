using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Gateway.Authentication.Signature.Rfc9421;
using Gateway.Authentication.Signature.SigV4;
using Gateway.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Tests.Authentication;

/// <summary>
/// The headers forwarding strips are the ones the registered schemes declare: a scheme registered with one call gets its
/// credential headers removed before the upstream sees them, without a list to edit elsewhere.
/// </summary>
public sealed class CredentialHeaderRegistrationTests
{
    [Fact]
    public void GatewaySchemes_DeclareTheCredentialHeadersForwardingStrips()
    {
        using var services = Services(builder => builder.AddApiKey().AddSignatures(new ConfigurationBuilder().Build()).AddRfc9421().AddSigV4());
        var set = services.GetRequiredService<CredentialHeaderSet>();

        Assert.Equal(["Authorization", "X-API-Key", "Signature", "Signature-Input"], set.Names);
        Assert.Equal(["X-Amz-"], set.Prefixes);
    }

    [Fact]
    public async Task RegisteredScheme_ItsCredentialHeaders_AreStrippedBeforeForwarding()
    {
        using var services = Services(builder => builder.AddSignatures(new ConfigurationBuilder().Build()).AddSignatureScheme<ExampleScheme>());
        var set = services.GetRequiredService<CredentialHeaderSet>();

        var forwarded = await ForwardAsync(set, forwardCredentials: false,
            ("X-Example-Signature", "sig"), ("x_example_signature", "underscored"), ("X-Example-Nonce", "n1"), ("Accept", "*/*"));

        Assert.DoesNotContain("X-Example-Signature", forwarded, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("x_example_signature", forwarded, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Example-Nonce", forwarded, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Accept", forwarded);
    }

    [Fact]
    public async Task RegisteredScheme_RouteThatForwardsCredentials_KeepsItsHeaders()
    {
        using var services = Services(builder => builder.AddSignatures(new ConfigurationBuilder().Build()).AddSignatureScheme<ExampleScheme>());

        var forwarded = await ForwardAsync(services.GetRequiredService<CredentialHeaderSet>(), forwardCredentials: true,
            ("X-Example-Signature", "sig"), ("X-Example-Nonce", "n1"));

        Assert.Equal(["X-Example-Signature", "X-Example-Nonce"], forwarded);
    }

    [Fact]
    public async Task UnregisteredScheme_ItsHeaders_AreNotCredentials()
    {
        using var services = Services(builder => builder.AddApiKey());

        var forwarded = await ForwardAsync(services.GetRequiredService<CredentialHeaderSet>(), forwardCredentials: false,
            ("X-Example-Signature", "sig"), ("X-API-Key", "gwk_x"));

        Assert.Equal(["X-Example-Signature"], forwarded);
    }

    private static ServiceProvider Services(Action<GatewayAuthenticationBuilder> schemes)
    {
        var services = new ServiceCollection();
        schemes(services.AddGatewayAuthentication());
        return services.BuildServiceProvider();
    }

    private static async Task<string[]> ForwardAsync(CredentialHeaderSet set, bool forwardCredentials, params (string Name, string Value)[] headers)
    {
        using var proxyRequest = new HttpRequestMessage(HttpMethod.Get, "http://upstream.test/");
        foreach (var (name, value) in headers)
        {
            proxyRequest.Headers.TryAddWithoutValidation(name, value);
        }

        var context = new RequestTransformContext
        {
            HttpContext = new DefaultHttpContext(),
            ProxyRequest = proxyRequest,
            Path = PathString.Empty,
            Query = new QueryTransformContext(new DefaultHttpContext().Request),
            DestinationPrefix = "http://upstream.test/",
        };
        await new IdentityTransform(forwardCredentials, set).ApplyAsync(context);
        return [.. proxyRequest.Headers.NonValidated.Select(h => h.Key)];
    }

    /// <summary>A third scheme that exists only here: it declares one credential header and one prefix.</summary>
    private sealed class ExampleScheme : ISignatureScheme
    {
        public string Name => "example";

        public string Challenge => "Example realm=\"gateway\"";

        public IReadOnlyList<string> CredentialHeaders { get; } = ["X-Example-Signature", "X-Example-*"];

        public bool ReleasesReplayOnRetry => false;

        public bool Detects(IHeaderDictionary headers) => headers.ContainsKey("X-Example-Signature");

        public SignatureParse Parse(SignatureRequest request) => SignatureParse.NotThisScheme;

        public ValueTask<SignatureProof> VerifyAsync(SignatureRequest request, SignatureParse parsed, SigningSecret secret) =>
            ValueTask.FromResult(new SignatureProof(false));
    }
}
