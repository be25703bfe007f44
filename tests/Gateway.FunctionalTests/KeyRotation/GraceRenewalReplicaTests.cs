using System.Net;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.Redis;
using Gateway.KeyRotation;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.KeyRotation;

/// <summary>
/// Renewal with a grace period on two replicas over one real redis-server (cache entries live ten minutes, so only
/// the stored schedule and the invalidation broadcast can make the old key stop on the other replica).
/// </summary>
public sealed class GraceRenewalReplicaTests(ReplicaPairFixture fixture) : IClassFixture<ReplicaPairFixture>
{
    private GatewayHost A => fixture.A;

    private GatewayHost B => fixture.B;

    [Fact]
    public async Task OldKey_WorksOnBothDuringTheGrace_ThenFailsOnBoth_AndIsRevokedOnce()
    {
        var (accountId, oldKeyId, oldToken) = await A.CreateCallerAsync("grace-replicas");
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, oldToken)).StatusCode);

        // A grace long enough for the checks made during it on a loaded machine (it was 2 s).
        var (newKeyId, newToken) = await GraceRenewal.RenewAsync(A.Admin, accountId, oldKeyId, "PT8S");

        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(A, oldToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, oldToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, newToken)).StatusCode);
        var listed = await GraceRenewal.ListedAsync(B.Admin, accountId, oldKeyId);
        Assert.Equal("active", listed.GetProperty("status").GetString());
        var revokesAt = listed.GetProperty("revokesAt").GetDateTimeOffset();
        var renewal = Assert.Single(await GraceRenewal.AuditAsync(A.Admin, "key.renew", oldKeyId));
        Assert.Equal("PT8S", renewal.GetProperty("details").GetProperty("gracePeriod").GetString());
        Assert.Equal(newKeyId, renewal.GetProperty("details").GetProperty("newKeyId").GetString());

        Assert.True(await GraceRenewal.EventuallyAsync(async () =>
            (await RedisMode.GetAsync(A, oldToken)).StatusCode == HttpStatusCode.Unauthorized
            && (await RedisMode.GetAsync(B, oldToken)).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(20)));
        Assert.True(DateTimeOffset.UtcNow >= revokesAt, "the old key was refused before its grace ended");
        await ProblemAssert.HasCodeAsync(await RedisMode.GetAsync(B, oldToken), HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(A, newToken)).StatusCode);

        // The sweeps of both replicas make the transition; once its event is written, every further sweep finds nothing.
        Assert.True(await GraceRenewal.EventuallyAsync(async () =>
            (await GraceRenewal.AuditAsync(A.Admin, "key.revoked", oldKeyId)).Length > 0, TimeSpan.FromSeconds(20)));
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? A : B).Services.GetRequiredService<ScheduledRevocations>().SweepAsync(CancellationToken.None)));
        Assert.All(sweeps, made => Assert.Equal(0, made));
        var revoked = Assert.Single(await GraceRenewal.AuditAsync(B.Admin, "key.revoked", oldKeyId));
        Assert.Equal("system", revoked.GetProperty("kind").GetString());
        Assert.Equal("system", revoked.GetProperty("principalName").GetString());
        Assert.Equal("grace", revoked.GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal(accountId, revoked.GetProperty("details").GetProperty("accountId").GetString());

        var after = await GraceRenewal.ListedAsync(A.Admin, accountId, oldKeyId);
        Assert.Equal("revoked", after.GetProperty("status").GetString());
        Assert.Equal(revokesAt, after.GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task EarlyRevoke_DuringTheGrace_StopsTheKeyOnBothAtOnce_AndNothingIsScheduledAfterwards()
    {
        var (accountId, oldKeyId, oldToken) = await A.CreateCallerAsync("grace-early");
        await GraceRenewal.RenewAsync(A.Admin, accountId, oldKeyId, "PT1H");
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(B, oldToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await B.Admin.DeleteAsync($"/v1/service-accounts/{accountId}/keys/{oldKeyId}")).StatusCode);

        Assert.True(await GraceRenewal.EventuallyAsync(async () =>
            (await RedisMode.GetAsync(A, oldToken)).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(15)));
        await ProblemAssert.HasCodeAsync(await RedisMode.GetAsync(B, oldToken), HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);
        Assert.Equal("revoked", (await GraceRenewal.ListedAsync(A.Admin, accountId, oldKeyId)).GetProperty("status").GetString());
        Assert.Equal(0, await A.Services.GetRequiredService<ScheduledRevocations>().SweepAsync(CancellationToken.None));
        Assert.Empty(await GraceRenewal.AuditAsync(A.Admin, "key.revoked", oldKeyId));
    }
}
