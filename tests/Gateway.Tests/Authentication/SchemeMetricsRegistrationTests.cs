using System.Security.Claims;
using System.Text;
using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Gateway.Authentication.Signature.Rfc9421;
using Gateway.Authentication.Signature.SigV4;
using Gateway.Errors;
using Gateway.Observability;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Gateway.Tests.Authentication;

/// <summary>
/// The <c>scheme</c> label values come from the registered schemes: a scheme registered with one call has its
/// authentication series at 0 from start-up and its instruments bound once, without a list to edit elsewhere.
/// </summary>
public sealed class SchemeMetricsRegistrationTests
{
    [Fact]
    public void GatewaySchemes_AreTheMeteredSchemes_ReplaysOnlyForSignatures()
    {
        using var services = Services(builder => builder.AddApiKey().AddSignatures(new ConfigurationBuilder().Build()).AddRfc9421().AddSigV4());

        var schemes = services.GetRequiredService<MeteredSchemes>().All;

        Assert.Equal([AuthSchemeNames.ApiKey, AuthSchemeNames.Rfc9421, AuthSchemeNames.AwsSigV4], schemes.Select(s => s.Name));
        Assert.Equal([false, true, true], schemes.Select(s => s.RejectsReplays));
    }

    [Fact]
    public async Task RegisteredScheme_ItsSeries_ExistAtZeroFromStartUp()
    {
        using var services = Services(builder => builder.AddApiKey().AddSignatures(new ConfigurationBuilder().Build()).AddSignatureScheme<ExampleScheme>());
        var metrics = services.GetRequiredService<GatewayMetrics>();

        MetricsInitialization.InitializeSchemes(metrics, services.GetRequiredService<MeteredSchemes>());
        var scrape = await ScrapeAsync(metrics);

        Assert.Contains("gateway_authentication_total{scheme=\"example\",result=\"success\",reason=\"ok\"} 0", scrape);
        Assert.Contains("gateway_authentication_total{scheme=\"example\",result=\"failure\",reason=\"replayed_request\"} 0", scrape);
        Assert.Contains("gateway_authentication_duration_seconds_count{scheme=\"example\"} 0", scrape);
        Assert.Contains("gateway_replay_rejections_total{scheme=\"example\"} 0", scrape);
        Assert.Contains("gateway_authentication_total{scheme=\"api-key\",result=\"success\",reason=\"ok\"} 0", scrape);
        Assert.DoesNotContain("gateway_replay_rejections_total{scheme=\"api-key\"}", scrape);
        Assert.DoesNotContain("scheme=\"rfc9421\"", scrape);
    }

    [Fact]
    public async Task RegisteredScheme_ItsCounters_CountItsAttempts()
    {
        using var services = Services(builder => builder.AddApiKey().AddSignatures(new ConfigurationBuilder().Build()).AddSignatureScheme<ExampleScheme>());
        var metrics = services.GetRequiredService<GatewayMetrics>();
        var telemetry = services.GetRequiredService<AuthenticationTelemetry>();

        await telemetry.Track(new DefaultHttpContext(), "example", 0, static (_, _) =>
            ValueTask.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(), "example"))));
        var replayed = new DefaultHttpContext();
        replayed.Features.Set(new AuthenticationFailureFeature(ErrorCodes.ReplayedRequest, "seen"));
        await telemetry.Track(replayed, "example", 0, static (_, _) => ValueTask.FromResult(AuthenticateResult.Fail("seen")));
        await telemetry.Track(replayed, AuthSchemeNames.ApiKey, 0, static (_, _) => ValueTask.FromResult(AuthenticateResult.Fail("seen")));

        Assert.Equal(1, metrics.Authentications.WithLabels("example", "success", "ok").Value);
        Assert.Equal(1, metrics.Authentications.WithLabels("example", "failure", ErrorCodes.ReplayedRequest).Value);
        Assert.Equal(1, metrics.ReplayRejections.WithLabels("example").Value);
        Assert.Equal(2, metrics.AuthenticationDuration.WithLabels("example").Count);
        Assert.Equal(1, metrics.Authentications.WithLabels(AuthSchemeNames.ApiKey, "failure", ErrorCodes.ReplayedRequest).Value);
        Assert.DoesNotContain("gateway_replay_rejections_total{scheme=\"api-key\"}", await ScrapeAsync(metrics));
    }

    private static ServiceProvider Services(Action<GatewayAuthenticationBuilder> schemes)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new GatewayMetrics(Metrics.NewCustomRegistry()));
        schemes(services.AddGatewayAuthentication());
        return services.BuildServiceProvider();
    }

    private static async Task<string> ScrapeAsync(GatewayMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A third scheme that exists only here.</summary>
    private sealed class ExampleScheme : ISignatureScheme
    {
        public string Name => "example";

        public string Challenge => "Example realm=\"gateway\"";

        public IReadOnlyList<string> CredentialHeaders { get; } = ["X-Example-Signature"];

        public bool ReleasesReplayOnRetry => false;

        public bool Detects(IHeaderDictionary headers) => headers.ContainsKey("X-Example-Signature");

        public SignatureParse Parse(SignatureRequest request) => SignatureParse.NotThisScheme;

        public ValueTask<SignatureProof> VerifyAsync(SignatureRequest request, SignatureParse parsed, SigningSecret secret) =>
            ValueTask.FromResult(new SignatureProof(false));
    }
}
