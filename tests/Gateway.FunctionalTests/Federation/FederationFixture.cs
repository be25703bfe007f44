using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Federation;

/// <summary>
/// One gateway (embedded mode) trusting two real loopback issuers — one serving, one down — in front of the echo
/// upstream. Tests use their own repositories, so the policies they add never match each other's tokens.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public const string Audience = "https://gateway.test";

    public OidcIssuer Issuer { get; private set; } = null!;

    public OidcIssuer DownIssuer { get; private set; } = null!;

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await OidcIssuer.StartAsync();
        DownIssuer = await OidcIssuer.StartAsync();
        DownIssuer.Down = true;
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, Settings(Issuer, DownIssuer));
    }

    public static Dictionary<string, string?> Settings(params OidcIssuer[] issuers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Federation:AllowHttpLoopbackIssuers"] = "true",
            ["Gateway:Federation:KeySetRefreshInterval"] = "00:00:00",
            ["Gateway:Federation:HttpTimeout"] = "00:00:02",
        };
        for (var i = 0; i < issuers.Length; i++)
        {
            settings[$"Gateway:Federation:Issuers:{i}"] = issuers[i].Url;
        }

        return settings;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        await Issuer.DisposeAsync();
        await DownIssuer.DisposeAsync();
    }
}

/// <summary>Calls of the federation tests against one gateway.</summary>
public static class Federation
{
    /// <summary>Adds a trust policy through the admin API; returns its id.</summary>
    public static async Task<string> AddPolicyAsync(GatewayHost gateway, string accountId, string issuer, Dictionary<string, string> conditions,
        string audience = FederationFixture.Audience, int? maxTokenLifetime = null, string[]? allowedCidrs = null)
    {
        var response = await gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{accountId}/trust-policies",
            new { issuer, audience, conditions, maxTokenLifetime, allowedCidrs });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>POSTs an RFC 8693 exchange of <paramref name="idToken"/>.</summary>
    public static Task<HttpResponseMessage> ExchangeAsync(GatewayHost gateway, string idToken, string? audience = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = idToken,
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:id_token",
        };
        if (audience is not null)
        {
            form["audience"] = audience;
        }

        return gateway.Proxy.PostAsync("/.gateway/token", new FormUrlEncodedContent(form));
    }

    /// <summary>Exchanges and asserts success; returns the access token and its lifetime.</summary>
    public static async Task<(string Token, long ExpiresIn)> ExchangeOkAsync(GatewayHost gateway, string idToken)
    {
        var response = await ExchangeAsync(gateway, idToken);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", root.GetProperty("issued_token_type").GetString());
        return (root.GetProperty("access_token").GetString()!, root.GetProperty("expires_in").GetInt64());
    }

    /// <summary>Asserts a refused exchange: status, problem code and the OAuth error member.</summary>
    public static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code, string error)
    {
        var problem = await ProblemAssert.HasCodeAsync(response, status, code);
        Assert.Equal(error, problem.GetProperty("error").GetString());
        return problem;
    }
}
