using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.FunctionalTests.KeyRotation;

/// <summary>
/// Renewal with a grace period on an embedded gateway (real SQLite, real listeners) whose clock is a
/// <see cref="FakeTimeProvider"/> kept across a restart: the schedule lives in the database, not in memory.
/// </summary>
public sealed class GraceRenewalEmbeddedTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstreamHost.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?> { ["Gateway:Keys:MaxRenewGrace"] = "02:00:00" },
            configure: builder => builder.Services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/grace");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _gateway.Proxy.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task RestartDuringTheGrace_TheRevocationStillHappens_AtTheScheduledTime()
    {
        var (accountId, oldKeyId, oldToken) = await _gateway.CreateCallerAsync("grace-restart");
        var (_, newToken) = await GraceRenewal.RenewAsync(_gateway.Admin, accountId, oldKeyId, "PT1H");
        var revokesAt = (await GraceRenewal.ListedAsync(_gateway.Admin, accountId, oldKeyId)).GetProperty("revokesAt").GetDateTimeOffset();
        Assert.Equal(_clock.GetUtcNow().AddHours(1), revokesAt, TimeSpan.FromSeconds(1));

        await _gateway.RestartAsync();
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(oldToken));
        Assert.Empty(await GraceRenewal.AuditAsync(_gateway.Admin, "key.revoked", oldKeyId));

        // Step the clock past the grace until the restarted gateway's sweep has written the revocation.
        Assert.True(await GraceRenewal.EventuallyAsync(async () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            return (await GraceRenewal.AuditAsync(_gateway.Admin, "key.revoked", oldKeyId)).Length > 0;
        }, TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(oldToken));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(newToken));
        var listed = await GraceRenewal.ListedAsync(_gateway.Admin, accountId, oldKeyId);
        Assert.Equal("revoked", listed.GetProperty("status").GetString());
        Assert.Equal(revokesAt, listed.GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Single(await GraceRenewal.AuditAsync(_gateway.Admin, "key.revoked", oldKeyId));
    }

    [Fact]
    public async Task HotPath_RefusesTheOldKeyAtRevokesAt_WithoutWaitingForTheSweep()
    {
        var (accountId, oldKeyId, oldToken) = await _gateway.CreateCallerAsync("grace-exact");
        await GraceRenewal.RenewAsync(_gateway.Admin, accountId, oldKeyId, "PT10M");
        Assert.Equal(HttpStatusCode.OK, await CallAsync(oldToken));

        // The cached credential carries revokesAt: one clock step past it and the key is refused.
        _clock.Advance(TimeSpan.FromMinutes(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/grace");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", oldToken);
        await ProblemAssert.HasCodeAsync(await _gateway.Proxy.SendAsync(request), HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);
    }

    [Fact]
    public async Task EarlyRevoke_DuringTheGrace_Works()
    {
        var (accountId, oldKeyId, oldToken) = await _gateway.CreateCallerAsync("grace-early-embedded");
        await GraceRenewal.RenewAsync(_gateway.Admin, accountId, oldKeyId, "PT1H");

        Assert.Equal(HttpStatusCode.NoContent, (await _gateway.Admin.DeleteAsync($"/v1/service-accounts/{accountId}/keys/{oldKeyId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(oldToken));
        Assert.Equal("revoked", (await GraceRenewal.ListedAsync(_gateway.Admin, accountId, oldKeyId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task NoGrace_RevokesAtOnce_AsBefore()
    {
        var (accountId, oldKeyId, oldToken) = await _gateway.CreateCallerAsync("grace-none");

        var response = await _gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{accountId}/keys/{oldKeyId}/renew", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(oldToken));
        var listed = await GraceRenewal.ListedAsync(_gateway.Admin, accountId, oldKeyId);
        Assert.Equal(JsonValueKindNull, listed.GetProperty("revokesAt").ValueKind);
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("P1Y")]
    [InlineData("PT")]
    [InlineData("PT3H")]
    public async Task BadOrTooLongGrace_Is400_NamingTheField_AndChangesNothing(string gracePeriod)
    {
        var (accountId, oldKeyId, oldToken) = await _gateway.CreateCallerAsync("grace-bad");

        var response = await _gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{accountId}/keys/{oldKeyId}/renew", new { gracePeriod });

        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("gracePeriod", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.OK, await CallAsync(oldToken));
        Assert.Single(JsonKeys(await _gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}/keys")));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static System.Text.Json.JsonElement[] JsonKeys(string body) =>
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToArray();
}
