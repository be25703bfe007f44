using Gateway.Client.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Client;

/// <summary>
/// <see cref="IHttpClientFactory"/> registration: <c>services.AddGatewayClient(...)</c> for the typed proxy and admin
/// clients, and <c>services.AddHttpClient(...).AddGatewaySigning(...)</c> /
/// <c>.AddGatewayBearerToken(...)</c> to authenticate any named or typed client.
/// </summary>
public static class GatewayClientServiceCollectionExtensions
{
    /// <summary>Signs every request of the client with RFC 9421 (HMAC-SHA256, the key's access key id and secret).</summary>
    public static IHttpClientBuilder AddGatewaySigning(this IHttpClientBuilder builder, Rfc9421SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddHttpMessageHandler(services => new Rfc9421SigningHandler(options, services.GetService<TimeProvider>()));
    }

    /// <summary>Signs every request of the client with AWS SigV4 (the key's access key id and secret).</summary>
    public static IHttpClientBuilder AddGatewaySigning(this IHttpClientBuilder builder, SigV4SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddHttpMessageHandler(services => new SigV4SigningHandler(options, services.GetService<TimeProvider>()));
    }

    /// <summary>
    /// Signs every request of the client with the scheme named by <see cref="Signing.GatewaySigningOptions.Scheme"/>
    /// (one of <see cref="Signing.SigningSchemeRegistry.Default"/>, with its default settings); an unknown name is an
    /// <see cref="ArgumentException"/> listing the choices.
    /// </summary>
    public static IHttpClientBuilder AddGatewaySigning(this IHttpClientBuilder builder, Signing.GatewaySigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddGatewaySigning(Signing.SigningSchemeRegistry.Default.Get(options.Scheme), new Signing.SigningKey(options.KeyId, options.Secret));
    }

    /// <summary>
    /// Signs every request of the client with <paramref name="signer"/> as configured (e.g. a
    /// <see cref="Signing.SigV4.SigV4RequestSigner"/> with its region) and <paramref name="key"/>.
    /// </summary>
    public static IHttpClientBuilder AddGatewaySigning(this IHttpClientBuilder builder, Signing.IRequestSigner signer, Signing.SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(key);
        return builder.AddHttpMessageHandler(services => new Signing.SigningHandler(signer, key, services.GetService<TimeProvider>()));
    }

    /// <summary>Sends the API key as <c>Authorization: Bearer</c> on every request of the client.</summary>
    public static IHttpClientBuilder AddGatewayBearerToken(this IHttpClientBuilder builder, BearerTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddHttpMessageHandler(() => new BearerTokenHandler(options));
    }

    /// <summary>
    /// Keyless CI: exchanges the job's OIDC id_token at the gateway's <c>/.gateway/token</c> and sends the short-lived
    /// access token on every request, renewing it before it expires (see <see cref="Federation.FederatedTokenHandler"/>).
    /// </summary>
    public static IHttpClientBuilder AddGatewayFederatedToken(this IHttpClientBuilder builder, Federation.FederatedTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = new Federation.FederatedTokenProvider(options);
        return builder.AddHttpMessageHandler(() => new Federation.FederatedTokenHandler(provider));
    }

    /// <summary>
    /// Registers <see cref="GatewayProxyClient"/> (base address <paramref name="proxyUrl"/>) and, when
    /// <paramref name="adminUrl"/> is given, <see cref="GatewayAdminClient"/>, both as typed clients; chain
    /// <c>AddGatewaySigning</c> or <c>AddGatewayBearerToken</c> on the returned builders to authenticate them.
    /// </summary>
    public static (IHttpClientBuilder Proxy, IHttpClientBuilder? Admin) AddGatewayClient(this IServiceCollection services, Uri proxyUrl, Uri? adminUrl = null)
    {
        ArgumentNullException.ThrowIfNull(proxyUrl);
        var proxy = services.AddHttpClient<GatewayProxyClient>(http => http.BaseAddress = proxyUrl);
        var admin = adminUrl is null ? null : services.AddHttpClient<GatewayAdminClient>(http => http.BaseAddress = adminUrl);
        return (proxy, admin);
    }
}
