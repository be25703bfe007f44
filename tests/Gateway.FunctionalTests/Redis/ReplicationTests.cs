using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Accounts;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gateway.FunctionalTests.Redis;

/// <summary>
/// Two replicas on one Redis: what one replica is told is what the other enforces, at once. Propagation times are
/// printed to the test output.
/// </summary>
public sealed class ReplicationTests(ReplicaPairFixture fixture, ITestOutputHelper output) : IClassFixture<ReplicaPairFixture>
{
    /// <summary>
    /// The bound the tests hold propagation to: it takes 1-3 ms on loopback (printed; OPERATIONS.md, "How a change reaches
    /// every replica"), and the bound is what a pub/sub message may take on a loaded machine, not the goal (it was 1 s).
    /// </summary>
    private static readonly TimeSpan PropagationLimit = TimeSpan.FromSeconds(5);

    private GatewayHost A => fixture.A;

    private GatewayHost B => fixture.B;

    [Fact]
    public async Task Revoke_ThroughA_IsRejectedByB_WithinThePropagationLimit()
    {
        var (accountId, keyId, token) = await A.CreateCallerAsync("revoke-propagation");
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, token)).StatusCode);
        await AssertCachedOnAsync(B, token);

        var revoke = await A.Admin.DeleteAsync($"/v1/service-accounts/{accountId}/keys/{keyId}");
        var revokedAt = Stopwatch.GetTimestamp();
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var (response, elapsed) = await PollAsync(B, token, r => r.StatusCode == HttpStatusCode.Unauthorized, revokedAt);
        output.WriteLine($"revocation through A rejected by B after {elapsed.TotalMilliseconds:F1} ms (goal < 100 ms)");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);
        Assert.True(elapsed < PropagationLimit, $"took {elapsed.TotalMilliseconds} ms");
        await ProblemAssert.HasCodeAsync(await RedisMode.GetAsync(A, token), HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);
    }

    [Fact]
    public async Task KeyCreatedOnA_WorksOnB_AtOnce()
    {
        var accountId = await A.CreateAccountAsync("created-on-a");
        var (_, token) = await A.CreateBearerKeyAsync(accountId);

        var response = await RedisMode.GetAsync(B, token);

        var echo = await Echo.ReadAsync(response);
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task DisableThroughA_IsRefusedByB_AndEnableRestoresIt()
    {
        var (accountId, _, token) = await A.CreateCallerAsync("disable-propagation");
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, token)).StatusCode);

        var disable = await A.Admin.PatchAsJsonAsync($"/v1/service-accounts/{accountId}", new { status = "disabled" });
        var changedAt = Stopwatch.GetTimestamp();
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        var (refused, elapsed) = await PollAsync(B, token, r => r.StatusCode == HttpStatusCode.Unauthorized, changedAt);
        output.WriteLine($"account disabled through A refused by B after {elapsed.TotalMilliseconds:F1} ms");
        await ProblemAssert.HasCodeAsync(refused, HttpStatusCode.Unauthorized, ErrorCodes.AccountDisabled);

        Assert.Equal(HttpStatusCode.OK, (await A.Admin.PatchAsJsonAsync($"/v1/service-accounts/{accountId}", new { status = "active" })).StatusCode);
        var (accepted, _) = await PollAsync(B, token, r => r.StatusCode == HttpStatusCode.OK, Stopwatch.GetTimestamp());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task DeleteThroughA_IsRefusedByB()
    {
        var (accountId, _, token) = await A.CreateCallerAsync("delete-propagation");
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await A.Admin.DeleteAsync($"/v1/service-accounts/{accountId}")).StatusCode);
        var (response, elapsed) = await PollAsync(B, token, r => r.StatusCode == HttpStatusCode.Unauthorized, Stopwatch.GetTimestamp());

        output.WriteLine($"account deleted through A refused by B after {elapsed.TotalMilliseconds:F1} ms");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials);
        Assert.Equal(HttpStatusCode.NotFound, (await B.Admin.GetAsync($"/v1/service-accounts/{accountId}")).StatusCode);
    }

    [Fact]
    public async Task RenewThroughA_OldKeyRefusedByB_NewKeyAccepted()
    {
        var (accountId, keyId, token) = await A.CreateCallerAsync("renew-propagation");
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, token)).StatusCode);

        var renew = await A.Admin.PostAsync($"/v1/service-accounts/{accountId}/keys/{keyId}/renew", null);
        Assert.Equal(HttpStatusCode.Created, renew.StatusCode);
        var fresh = JsonDocument.Parse(await renew.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;

        var (old, _) = await PollAsync(B, token, r => r.StatusCode == HttpStatusCode.Unauthorized, Stopwatch.GetTimestamp());
        await ProblemAssert.HasCodeAsync(old, HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, fresh)).StatusCode);
    }

    [Fact]
    public async Task CustomRoleChangedThroughA_ChangesTheScopesBForwards()
    {
        var role = $"role-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await A.Admin.PutAsJsonAsync($"/v1/roles/{role}", new { scopes = new[] { "builds:read" } })).StatusCode);
        var (_, _, token) = await A.CreateCallerAsync("role-propagation", roles: [role]);
        Assert.Equal("builds:read", await ScopesSeenByUpstreamAsync(B, token));

        Assert.Equal(HttpStatusCode.OK, (await A.Admin.PutAsJsonAsync($"/v1/roles/{role}", new { scopes = new[] { "deploys:execute" } })).StatusCode);

        var deadline = Stopwatch.GetTimestamp() + (long)(PropagationLimit.TotalSeconds * Stopwatch.Frequency);
        var scopes = "";
        while (Stopwatch.GetTimestamp() < deadline && (scopes = await ScopesSeenByUpstreamAsync(B, token)) != "deploys:execute")
        {
            await Task.Delay(5);
        }

        Assert.Equal("deploys:execute", scopes);
    }

    [Fact]
    public async Task SignedRequest_SentToAThenB_IsRejectedByBAsReplayed()
    {
        var accountId = await A.CreateAccountAsync("replay-across-replicas");
        var (keyId, secret) = await RedisMode.CreateHmacKeyAsync(A, accountId);
        var signed = SignedGet.Create("/echo/replay", keyId, secret);

        var first = await signed.SendAsync(A.Proxy);
        var again = await signed.SendAsync(B.Proxy);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await ProblemAssert.HasCodeAsync(again, HttpStatusCode.Unauthorized, ErrorCodes.ReplayedRequest);
        Assert.Equal(HttpStatusCode.OK, (await SignedGet.Create("/echo/replay", keyId, secret).SendAsync(B.Proxy)).StatusCode);
    }

    [Fact]
    public async Task BothReplicas_StartedTogether_ShareOneBootstrapAdmin()
    {
        var page = await A.Admin.GetAsync("/v1/service-accounts?orgId=system");
        var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;

        var bootstrap = Assert.Single(body.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "bootstrap-admin");
        Assert.Equal(HttpStatusCode.OK, (await B.Admin.GetAsync($"/v1/service-accounts/{bootstrap.GetProperty("id").GetString()}")).StatusCode);
    }

    /// <summary>Proves the next request for this token is answered from the replica's cache, not from Redis.</summary>
    private static async Task AssertCachedOnAsync(GatewayHost replica, string token)
    {
        var cache = (Gateway.Accounts.CredentialCache)replica.Services.GetRequiredService<ICredentialCache>();
        var misses = cache.Misses;
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(replica, token)).StatusCode);
        Assert.Equal(misses, cache.Misses);
    }

    private static async Task<string> ScopesSeenByUpstreamAsync(GatewayHost replica, string token)
    {
        var echo = await Echo.ReadAsync(await RedisMode.GetAsync(replica, token));
        return echo.Header("X-Gateway-Scopes") ?? "";
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> PollAsync(
        GatewayHost replica, string token, Func<HttpResponseMessage, bool> done, long since)
    {
        var deadline = since + (long)(PropagationLimit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var response = await RedisMode.GetAsync(replica, token);
            if (done(response) || Stopwatch.GetTimestamp() > deadline)
            {
                return (response, Stopwatch.GetElapsedTime(since));
            }

            await Task.Delay(1);
        }
    }
}
