using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>
/// Signing-key rotation through the admin API on a gateway with a fake clock (a process cannot wait out a retired
/// key's retention): the next key is published before it signs, tokens signed before a rotation still verify after
/// it, the retired key leaves the JWKS once every token it signed has expired.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstreamHost.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?> { ["Gateway:IdentityToken:Issuer"] = "urn:test:gateway" },
            builder => builder.Services.AddSingleton<TimeProvider>(_clock), IdentityTokenRoutes.Json(_upstream.Url));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private Uri JwksUrl => new(_gateway.Status.BaseAddress!, "/.well-known/jwks.json");

    [Fact]
    public async Task Rotation_PublishesNextFirst_KeepsOldTokensValid_AndRemovesTheRetiredKeyAfterExpiry()
    {
        var (_, _, bearer) = await _gateway.CreateCallerAsync("rot-" + Guid.NewGuid().ToString("N")[..8]);
        var before = await KeysAsync();
        var active = Single(before, "active");
        var next = Single(before, "next");
        Assert.Equal(new[] { active, next }.Order(), (await JwksKidsAsync()).Order());

        var oldToken = await JwksVerifier.ForwardedTokenAsync(_gateway.Proxy, "/id/r", bearer);
        Assert.Equal(active, new JsonWebToken(oldToken).Kid);

        var rotate = await _gateway.Admin.PostAsync("/v1/identity-token/keys/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var after = JsonDocument.Parse(await rotate.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
        Assert.Equal(next, Single(after, "active"));
        Assert.Equal(active, Single(after, "retired"));
        var newNext = Single(after, "next");
        Assert.Equal(new[] { active, next, newNext }.Order(), (await JwksKidsAsync()).Order());

        var stillValid = await JwksVerifier.ValidateAsync(JwksUrl, oldToken!, "urn:test:gateway", "echo");
        Assert.True(stillValid.IsValid, stillValid.Exception?.ToString());
        var newToken = await JwksVerifier.ForwardedTokenAsync(_gateway.Proxy, "/id/r", bearer);
        Assert.Equal(next, new JsonWebToken(newToken).Kid);
        Assert.True((await JwksVerifier.ValidateAsync(JwksUrl, newToken!, "urn:test:gateway", "echo")).IsValid);
        Assert.True(await RotationAuditedAsync(next));

        // Retention: the token lifetime (5 min) + the refresh interval (30 s) + 1 min. Just before, the key is published.
        _clock.Advance(TimeSpan.FromMinutes(6.5) - TimeSpan.FromSeconds(1));
        Assert.Contains(active, await JwksKidsAsync());
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(active, await JwksKidsAsync());
        Assert.DoesNotContain(active, (await KeysAsync()).EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
    }

    [Fact]
    public async Task KeyListing_ShowsNoPrivateMaterial_AndTenantAdministratorsAreRefused()
    {
        var listing = await _gateway.Admin.GetStringAsync("/v1/identity-token/keys");
        Assert.DoesNotContain("sealed", listing, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"d\"", listing, StringComparison.Ordinal);
        foreach (var key in JsonDocument.Parse(listing).RootElement.GetProperty("keys").EnumerateArray())
        {
            Assert.True(key.TryGetProperty("kid", out _) && key.TryGetProperty("state", out _) && key.TryGetProperty("createdAt", out _), key.ToString());
            Assert.All(key.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "activatedAt", "createdAt", "kid", "removeAfter", "retiredAt", "state" }));
        }

        var (_, _, tenantAdmin) = await _gateway.CreateCallerAsync("tenant-" + Guid.NewGuid().ToString("N")[..8], roles: ["admin"]);
        using var client = new HttpClient { BaseAddress = _gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenantAdmin);
        await ProblemAssert.HasCodeAsync(await client.PostAsync("/v1/identity-token/keys/rotate", null), HttpStatusCode.Forbidden, "platform_admin_required");
        await ProblemAssert.HasCodeAsync(await client.GetAsync("/v1/identity-token/keys"), HttpStatusCode.Forbidden, "platform_admin_required");
        using var wrongMethod = await _gateway.Admin.GetAsync("/v1/identity-token/keys/rotate");
        await ProblemAssert.HasCodeAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = _gateway.Admin.BaseAddress }.PostAsync("/v1/identity-token/keys/rotate", null)).StatusCode);
    }

    private async Task<JsonElement> KeysAsync() =>
        JsonDocument.Parse(await _gateway.Admin.GetStringAsync("/v1/identity-token/keys")).RootElement.GetProperty("keys");

    private static string Single(JsonElement keys, string state) =>
        keys.EnumerateArray().Single(k => k.GetProperty("state").GetString() == state).GetProperty("kid").GetString()!;

    private async Task<string[]> JwksKidsAsync() =>
        JsonDocument.Parse(await _gateway.Status.GetStringAsync("/.well-known/jwks.json")).RootElement.GetProperty("keys")
            .EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();

    private async Task<bool> RotationAuditedAsync(string activeKid)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var items = JsonDocument.Parse(await _gateway.Admin.GetStringAsync("/v1/audit?action=identity_token.rotate&limit=10")).RootElement.GetProperty("items");
            if (items.EnumerateArray().Any(e => e.ToString().Contains(activeKid, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
