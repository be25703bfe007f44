using System.Reflection;
using Gateway.Cli.Config;
using Gateway.Client;
using Gateway.Client.Signing;

namespace Gateway.Cli;

/// <summary>Builds the <see cref="HttpClient"/>s gatewayctl talks to the gateway with, carrying a profile's credential.</summary>
public static class GatewayHttp
{
    /// <summary>How long one call may take: 30 seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly string UserAgent =
        "gatewayctl/" + (typeof(GatewayHttp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    /// <summary>
    /// A client for <paramref name="baseAddress"/> that authenticates as <paramref name="profile"/>: the bearer key, or
    /// a signature with the HMAC key by <paramref name="signer"/> (default: the first registered scheme, RFC 9421).
    /// </summary>
    public static HttpClient Create(Uri baseAddress, Profile profile, TimeProvider time, IRequestSigner? signer = null)
    {
        var transport = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), AllowAutoRedirect = false };
        HttpMessageHandler handler = profile switch
        {
            { AccessKeyId: { } keyId, Secret: { } secret } =>
                new SigningHandler(signer ?? SigningSchemeRegistry.Default.Get(null), new SigningKey(keyId, secret), time, transport),
            { ApiKey: { } token } => new BearerTokenHandler(new BearerTokenOptions { Token = token }, transport),
            _ => throw CliException.NotLoggedIn("The profile holds no credential; run 'gatewayctl auth login' again."),
        };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = WithTrailingSlash(baseAddress), Timeout = Timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    /// <summary>Parses an absolute <c>http</c>/<c>https</c> URL given for <paramref name="option"/>; a usage error otherwise.</summary>
    public static Uri ParseServer(string value, string option)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw CliException.Usage($"{option} must be an http:// or https:// URL such as http://localhost:8080.");
        }

        return uri;
    }

    /// <summary>The URL with a path ending in <c>/</c>, so relative paths resolve below it.</summary>
    public static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}
