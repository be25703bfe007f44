using System.Net;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>
/// The gateway on the embedded store runs the checkpointer (<c>Gateway:Store:CheckpointInterval</c>): while it serves
/// audited requests, the write-ahead log is copied into the database file by that thread, every interval, and each
/// checkpoint is timed in the store metrics.
/// </summary>
public sealed class StoreCheckpointTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync() => _upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task AuditedRequests_AreCopiedFromTheLog_ByTheCheckpointerEveryInterval()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Store:CheckpointInterval"] = "00:00:00.100",
            ["Gateway:Audit:Linger"] = "00:00:00.050",
            ["Gateway:Audit:UsageInterval"] = "00:01:00",
        });
        var checkpointer = gateway.Services.GetRequiredService<SqliteCheckpointer>();
        var (account, _, token) = await gateway.CreateCallerAsync("checkpointed");
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await gateway.Proxy.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Once the store shows every request's event (the writer has committed them to the log), two checkpoints later the
        // file holds them all: the second one started after the commit. Nothing else writes meanwhile (usage once a
        // minute), so the file is copied whole while no checkpoint changes it. The waits are bounded, not timed: a loaded
        // machine only makes them longer.
        var store = gateway.Services.GetRequiredService<IAuditStore>();
        var query = new AuditQuery { PrincipalId = account, Action = AuditActions.ProxyRequest, Limit = 100 };
        var logged = 0;
        for (var attempt = 0; attempt < 300 && logged < 20; attempt++)
        {
            logged = (await store.QueryAsync(query, CancellationToken.None)).Items.Count;
            if (logged < 20)
            {
                await Task.Delay(50);
            }
        }

        Assert.Equal(20, logged);
        var before = checkpointer.Checkpoints;
        for (var attempt = 0; attempt < 300 && checkpointer.Checkpoints < before + 2; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(checkpointer.Checkpoints >= before + 2, "the checkpointer's thread did not run every interval");
        var scrape = await PrometheusScrape.ReadAsync(gateway.Status);
        Assert.True(scrape.Samples["gateway_store_operation_duration_seconds_count{store=\"sqlite\",operation=\"checkpoint\"}"] >= before + 2);
        Assert.Equal(0, scrape.Samples["gateway_store_errors_total{store=\"sqlite\",operation=\"checkpoint\"}"]);
        Assert.Equal(20, AuditRowsInTheFileAlone(Path.Combine(gateway.DataDirectory, "gateway.db")));
    }

    /// <summary>
    /// Audit rows in the database file itself: read from a copy of the file without its log, so only what a checkpoint
    /// copied counts.
    /// </summary>
    private static long AuditRowsInTheFileAlone(string database)
    {
        var copy = database + ".copy-" + Guid.NewGuid().ToString("N");
        File.Copy(database, copy);
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM audit_events WHERE kind = 'request';";
            return (long)command.ExecuteScalar()!;
        }
        finally
        {
            File.Delete(copy);
            File.Delete(copy + "-wal");
            File.Delete(copy + "-shm");
        }
    }
}
