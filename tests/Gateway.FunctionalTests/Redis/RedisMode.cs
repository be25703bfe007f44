using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Redis;

/// <summary>
/// Settings that put a gateway in redis store mode, as an operator runs N replicas: the same Redis, key prefix,
/// token hash key, master key and bootstrap key on every replica.
/// </summary>
public sealed class RedisMode
{
    private readonly Dictionary<string, string?> _settings;

    public RedisMode(string redisConfiguration, IDictionary<string, string?>? extra = null)
    {
        BootstrapToken = BearerToken.Create(IdGenerator.NewKeyId());
        _settings = new Dictionary<string, string?>
        {
            ["Gateway:Store:Provider"] = "redis",
            ["Gateway:Redis:Configuration"] = redisConfiguration,
            ["Gateway:Redis:KeyPrefix"] = $"ft{Guid.NewGuid():N}:",
            ["Gateway:Keys:HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Gateway:Signing:MasterKeys:0:Id"] = "shared",
            ["Gateway:Signing:MasterKeys:0:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Gateway:Admin:BootstrapKey"] = BootstrapToken,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The bootstrap admin's token, configured on every replica.</summary>
    public string BootstrapToken { get; }

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>Starts one replica and authenticates its admin client as the bootstrap admin.</summary>
    public async Task<GatewayHost> StartReplicaAsync(Uri upstream)
    {
        var host = await GatewayHost.StartAsync(upstream, new Dictionary<string, string?>(_settings));
        host.Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapToken);
        return host;
    }

    /// <summary>Creates an HMAC key and returns its access key id and secret.</summary>
    public static async Task<(string KeyId, string Secret)> CreateHmacKeyAsync(GatewayHost gateway, string accountId)
    {
        var response = await gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{accountId}/keys", new { kind = "hmac" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var root = JsonDocument.Parse(body).RootElement;
        return (root.GetProperty("accessKeyId").GetString()!, root.GetProperty("secret").GetString()!);
    }

    /// <summary>A GET through the proxy with a bearer token.</summary>
    public static async Task<HttpResponseMessage> GetAsync(GatewayHost gateway, string token, string path = "/echo/r")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Proxy.SendAsync(request);
    }
}
