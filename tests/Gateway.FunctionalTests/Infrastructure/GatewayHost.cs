using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Hosting;
using Gateway.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// A real gateway on real loopback ports (proxy, admin, status), over a temporary data directory and a routes file
/// pointing at a real upstream. It can be restarted on the same data directory.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;

    private GatewayHost(string directory, Dictionary<string, string?> settings, Action<WebApplicationBuilder>? configure)
    {
        Directory = directory;
        _settings = settings;
        _configure = configure;
    }

    /// <summary>The temporary directory holding <c>data/</c> and <c>yarp.json</c>.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string RoutesFile => Path.Combine(Directory, "yarp.json");

    public LogCollector Logs { get; } = new();

    public HttpClient Proxy { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Status { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The bootstrap admin's token, read from its key file.</summary>
    public string BootstrapToken => File.ReadAllText(Path.Combine(DataDirectory, "bootstrap-admin.key")).Trim();

    /// <summary>Starts a gateway in front of <paramref name="upstream"/> with the standard test routes.</summary>
    public static async Task<GatewayHost> StartAsync(
        Uri upstream,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string? routesJson = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        var host = new GatewayHost(directory, all, configure);
        await File.WriteAllTextAsync(host.RoutesFile, routesJson ?? TestRoutes.Json(upstream));
        await host.StartAsync();
        return host;
    }

    /// <summary>Stops the gateway and starts a new one on the same data directory and routes.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        Proxy.Dispose();
        Admin.Dispose();
        Status.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task StartAsync()
    {
        var args = new List<string>
        {
            $"--Gateway:DataDirectory={DataDirectory}",
            $"--Gateway:RoutesFile={RoutesFile}",
            "--Gateway:Listeners:Proxy:Url=http://127.0.0.1:0",
            "--Gateway:Listeners:Admin:Url=http://127.0.0.1:0",
            "--Gateway:Listeners:Status:Url=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Debug",
        };
        args.AddRange(_settings.Select(p => $"--{p.Key}={p.Value}"));
        _app = GatewayApplication.Build(args.ToArray(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs);
            _configure?.Invoke(builder);
        });
        await _app.StartAsync();
        var bound = _app.Services.GetRequiredService<BoundListeners>();
        Proxy = new HttpClient { BaseAddress = bound.BaseUri(ListenerNames.Proxy) };
        Admin = new HttpClient { BaseAddress = bound.BaseUri(ListenerNames.Admin) };
        Status = new HttpClient { BaseAddress = bound.BaseUri(ListenerNames.Status) };
        if (File.Exists(Path.Combine(DataDirectory, "bootstrap-admin.key")))
        {
            Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapToken);
        }
    }

    /// <summary>Creates an account through the admin API and returns its id.</summary>
    public async Task<string> CreateAccountAsync(string name, string org = "acme", string? project = null,
        string[]? roles = null, string[]? allowedCidrs = null)
    {
        var response = await Admin.PostAsJsonAsync("/v1/service-accounts", new
        {
            name,
            orgId = org,
            projectId = project,
            roles = roles ?? ["editor"],
            allowedCidrs = allowedCidrs ?? [],
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Creates a bearer key and returns its id and token.</summary>
    public async Task<(string KeyId, string Token)> CreateBearerKeyAsync(string accountId, DateTimeOffset? expiresAt = null)
    {
        var response = await Admin.PostAsJsonAsync($"/v1/service-accounts/{accountId}/keys", new { kind = "bearer", expiresAt });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var root = JsonDocument.Parse(body).RootElement;
        return (root.GetProperty("id").GetString()!, root.GetProperty("token").GetString()!);
    }

    /// <summary>Creates an HMAC key and returns its access key id and secret (shown only in this response).</summary>
    public async Task<(string KeyId, string Secret)> CreateHmacKeyAsync(string accountId)
    {
        var response = await Admin.PostAsJsonAsync($"/v1/service-accounts/{accountId}/keys", new { kind = "hmac" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var root = JsonDocument.Parse(body).RootElement;
        var keyId = root.GetProperty("accessKeyId").GetString()!;
        Assert.Equal(root.GetProperty("id").GetString(), keyId);
        return (keyId, root.GetProperty("secret").GetString()!);
    }

    /// <summary>An account with the given roles and an HMAC key for it.</summary>
    public async Task<(string AccountId, string KeyId, string Secret)> CreateHmacCallerAsync(string name, string[]? roles = null)
    {
        var account = await CreateAccountAsync(name, roles: roles);
        var (keyId, secret) = await CreateHmacKeyAsync(account);
        return (account, keyId, secret);
    }

    /// <summary>An account with the given roles and a bearer key for it.</summary>
    public async Task<(string AccountId, string KeyId, string Token)> CreateCallerAsync(string name, string[]? roles = null, string? project = null)
    {
        var account = await CreateAccountAsync(name, roles: roles, project: project);
        var (keyId, token) = await CreateBearerKeyAsync(account);
        return (account, keyId, token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left for the temp cleaner; the test result does not depend on it.
        }
    }
}
