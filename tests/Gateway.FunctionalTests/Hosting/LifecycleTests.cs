using System.Net;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>Start-up, restart, bootstrap, expiry and routes reload, each on a gateway of its own.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync() => _upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private static async Task<HttpStatusCode> CallAsync(GatewayHost gateway, string token, string path = "/echo/x")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return (await gateway.Proxy.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Restart_KeysSurvive_AndRevokedKeysStayRevoked()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url);
        var (account, _, kept) = await gateway.CreateCallerAsync("survivor");
        var (revokedId, revoked) = await gateway.CreateBearerKeyAsync(account);
        await gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{revokedId}");
        var bootstrap = gateway.BootstrapToken;

        await gateway.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, await CallAsync(gateway, kept));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + revoked);
        await ProblemAssert.HasCodeAsync(await gateway.Proxy.SendAsync(request), HttpStatusCode.Unauthorized, "key_revoked");
        Assert.Equal(bootstrap, gateway.BootstrapToken);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync($"/v1/service-accounts/{account}")).StatusCode);
    }

    [Fact]
    public async Task FirstStart_WritesBootstrapKeyWithMode0600_AndLogsOnlyThePath()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url);
        var path = Path.Combine(gateway.DataDirectory, "bootstrap-admin.key");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Contains(path, gateway.Logs.All);
        Assert.DoesNotContain(gateway.BootstrapToken, gateway.Logs.All);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Admin.GetAsync("/v1/service-accounts")).StatusCode);
    }

    [Fact]
    public async Task ConfiguredBootstrapKey_IsInstalled_AndNoKeyFileIsWritten()
    {
        var token = BearerToken.Create(IdGenerator.NewKeyId());
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url,
            new Dictionary<string, string?> { ["Gateway:Admin:BootstrapKey"] = token });
        Assert.False(File.Exists(Path.Combine(gateway.DataDirectory, "bootstrap-admin.key")));
        using var client = new HttpClient { BaseAddress = gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Key", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/service-accounts")).StatusCode);
        Assert.DoesNotContain(token, gateway.Logs.All);
    }

    [Fact]
    public async Task MalformedConfiguredBootstrapKey_FailsStartUpNamingTheSetting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(_upstream.Url,
            new Dictionary<string, string?> { ["Gateway:Admin:BootstrapKey"] = "not-a-token" }));
        Assert.Contains("Gateway:Admin:BootstrapKey", error.Message);
    }

    [Fact]
    public async Task ExpiredKey_Is401KeyExpired_ToTheMillisecond()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url,
            configure: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var account = await gateway.CreateAccountAsync("expiring");
        var expiresAt = clock.GetUtcNow().AddHours(1);
        var (_, token) = await gateway.CreateBearerKeyAsync(account, expiresAt);

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(expiresAt.ToUnixTimeMilliseconds() - 1));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(gateway, token));

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(expiresAt.ToUnixTimeMilliseconds()));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        await ProblemAssert.HasCodeAsync(await gateway.Proxy.SendAsync(request), HttpStatusCode.Unauthorized, "key_expired");

        var keys = await (await gateway.Admin.GetAsync($"/v1/service-accounts/{account}/keys")).Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"expired\"", keys);
    }

    [Fact]
    public async Task RoutesFile_ReloadsWithoutRestart()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url);
        var (_, _, token) = await gateway.CreateCallerAsync("reloader");
        Assert.NotEqual(HttpStatusCode.OK, await CallAsync(gateway, token, "/added/x"));

        var routes = TestRoutes.Json(_upstream.Url).Replace(
            "\"public\":",
            "\"added\": { \"ClusterId\": \"echo\", \"Match\": { \"Path\": \"/added/{**rest}\" } },\n\"public\":",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(gateway.RoutesFile, routes);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        var status = HttpStatusCode.NotFound;
        while (DateTime.UtcNow < deadline && (status = await CallAsync(gateway, token, "/added/x")) != HttpStatusCode.OK)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
