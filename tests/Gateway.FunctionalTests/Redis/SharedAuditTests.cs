using System.Net;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Redis;

/// <summary>In redis mode the audit trail is one Redis stream: what one replica records, every replica reads.</summary>
public sealed class SharedAuditTests(ReplicaPairFixture fixture) : IClassFixture<ReplicaPairFixture>
{
    [Fact]
    public async Task EventsRecordedOnA_AreReadOnB_WithPaging()
    {
        var (account, keyId, token) = await fixture.A.CreateCallerAsync("shared-audit");
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/echo/{i}");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.OK, (await fixture.A.Proxy.SendAsync(request)).StatusCode);
        }

        var seen = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            seen.Clear();
            string? cursor = null;
            do
            {
                var page = JsonDocument.Parse(await fixture.B.Admin.GetStringAsync(
                    $"/v1/audit?principalId={account}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).RootElement;
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);

            if (seen.Count >= 5)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(seen, e => Assert.Equal(keyId, e.GetProperty("keyId").GetString()));
        var times = seen.Select(e => e.GetProperty("time").GetDateTimeOffset()).ToArray();
        Assert.Equal(times.OrderByDescending(t => t).ToArray(), times);

        var created = JsonDocument.Parse(await fixture.B.Admin.GetStringAsync("/v1/audit?action=key.create&limit=1000")).RootElement
            .GetProperty("items").EnumerateArray();
        Assert.Contains(created, e => e.GetProperty("target").GetString() == keyId);
    }

    [Fact]
    public async Task LastUsedAt_IsRaisedInTheSharedStore()
    {
        var (account, _, token) = await fixture.B.CreateCallerAsync("shared-last-used");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x"))
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.OK, (await fixture.B.Proxy.SendAsync(request)).StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? lastUsed = null;
        while (lastUsed is null && DateTime.UtcNow < deadline)
        {
            var keys = JsonDocument.Parse(await fixture.A.Admin.GetStringAsync($"/v1/service-accounts/{account}/keys")).RootElement;
            lastUsed = keys.GetProperty("items")[0].GetProperty("lastUsedAt").GetString();
            if (lastUsed is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(lastUsed);
    }
}
