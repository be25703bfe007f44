using System.Net;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Observability;

/// <summary>Under a burst the request audit loses nothing when the queue is large enough, and counts drops when it is not.</summary>
public sealed class AuditBurstTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync() => _upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private static async Task<int> BurstAsync(GatewayHost gateway, string token, int total, int parallelism)
    {
        var ok = 0;
        await Parallel.ForAsync(0, total, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/burst");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await gateway.Proxy.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Interlocked.Increment(ref ok);
            }
        });
        return ok;
    }

    private static async Task<long> CountAuditedAsync(GatewayHost gateway, string account)
    {
        long count = 0;
        string? cursor = null;
        do
        {
            var page = JsonDocument.Parse(await gateway.Admin.GetStringAsync(
                $"/v1/audit?principalId={account}&action=proxy.request&limit=1000" + (cursor is null ? "" : "&cursor=" + cursor))).RootElement;
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return count;
    }

    [Fact]
    public async Task TenThousandRequests_AllAudited_NoDrops()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Audit:QueueCapacity"] = "20000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var (account, _, token) = await gateway.CreateCallerAsync("burst");

        Assert.Equal(10_000, await BurstAsync(gateway, token, 10_000, 32));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        PrometheusScrape scrape;
        do
        {
            scrape = await PrometheusScrape.ReadAsync(gateway.Status);
            if (scrape.Value("gateway_audit_events_written_total{kind=\"request\"}") >= 10_000 && scrape.Value("gateway_audit_queue_depth") == 0)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(0, scrape.Value("gateway_audit_events_dropped_total{reason=\"queue_full\"}"));
        Assert.Equal(10_000, await CountAuditedAsync(gateway, account));
    }

    [Fact]
    public async Task TinyQueue_DropsAreCounted_AndNothingIsLostSilently()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Audit:QueueCapacity"] = "2",
            ["Gateway:Audit:BatchSize"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var (account, _, token) = await gateway.CreateCallerAsync("tiny-queue");

        const int total = 2_000;
        Assert.Equal(total, await BurstAsync(gateway, token, total, 32));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        PrometheusScrape scrape;
        do
        {
            scrape = await PrometheusScrape.ReadAsync(gateway.Status);
            if (scrape.Value("gateway_audit_queue_depth") == 0)
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        var dropped = scrape.Value("gateway_audit_events_dropped_total{reason=\"queue_full\"}");
        var audited = await CountAuditedAsync(gateway, account);
        Assert.True(dropped > 0, "a queue of 2 under 32 parallel callers must drop");
        Assert.Equal(total, audited + dropped);
    }
}
