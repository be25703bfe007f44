using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Audit;

/// <summary>
/// A request batch binds a parameter again only when the event's value is another object than the one bound for the
/// previous row: values that go from set to null, from null to set, to an equal string in another object and back to
/// the shared one must all be stored as each event says.
/// </summary>
public sealed class SqliteAuditStoreBatchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task AppendRequests_RowsSharingAndChangingValues_ReadBackAsWritten()
    {
        var path = _dir.Combine("data", "gateway.db");
        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);
        var store = new SqliteAuditStore(path);
        const string shared = "10.0.0.1";
        var copy = new string(shared.AsSpan());
        string?[] addresses = [shared, shared, null, null, copy, shared, "10.0.0.2", null];
        string?[] principals = ["sa_a", "sa_a", "sa_b", null, null, "sa_a", "sa_a", "sa_c"];
        var events = addresses.Select((address, i) => new AuditEvent
        {
            Id = AuditEventIds.New(Samples.T0.ToUnixTimeMilliseconds() + i),
            Time = Samples.T0.AddMilliseconds(i),
            Kind = AuditKinds.Request,
            PrincipalId = principals[i],
            PrincipalName = principals[i] is null ? null : "name-" + principals[i],
            KeyId = i % 3 == 0 ? null : "key_" + (i % 2),
            Action = AuditActions.ProxyRequest,
            Target = "route",
            Outcome = i == 4 ? "failure" : "success",
            Status = i == 4 ? 403 : 200,
            Method = i % 2 == 0 ? "GET" : "POST",
            LatencyMs = i == 5 ? null : i * 1.5,
            ClientIp = address,
            TraceId = i % 4 == 0 ? null : $"trace{i}",
            Details = i == 6 ? new Dictionary<string, string> { ["note"] = "x" } : null,
        }).ToList();

        Assert.True(await store.AppendRequestsAsync(events, [], CancellationToken.None));
        var page = await store.QueryAsync(new AuditQuery { Limit = 50 }, CancellationToken.None);

        var read = page.Items.OrderBy(e => e.Time).ToList();
        Assert.Equal(events.Count, read.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(events[i] with { Details = null }, read[i] with { Details = null });
            Assert.Equal(events[i].Details, read[i].Details);
        }
    }

    [Fact]
    public async Task AppendRequests_NonAsciiAndLongText_ReadBackAsWritten()
    {
        var path = _dir.Combine("data", "gateway.db");
        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);
        var store = new SqliteAuditStore(path);
        var names = new[] { "déploiement-été", "部署机器人", "emoji-\U0001F680", new string('x', 128), new string('é', 129), "" };
        var events = names.Select((name, i) => new AuditEvent
        {
            Id = AuditEventIds.New(Samples.T0.ToUnixTimeMilliseconds() + i),
            Time = Samples.T0.AddMilliseconds(i),
            Kind = AuditKinds.Request,
            PrincipalId = "sa_a",
            PrincipalName = name,
            Action = AuditActions.ProxyRequest,
            Target = name.Length > 0 ? name[..Math.Min(name.Length, 3)] : name,
            Outcome = "success",
            Status = 200,
            Details = new Dictionary<string, string> { ["note"] = name + new string('ü', i * 100) },
        }).ToList();

        await store.AppendRequestsAsync(events, [], CancellationToken.None);
        var read = (await store.QueryAsync(new AuditQuery { Limit = 50 }, CancellationToken.None)).Items.OrderBy(e => e.Time).ToList();

        Assert.Equal(names, read.Select(e => e.PrincipalName));
        Assert.Equal(events.Select(e => e.Target), read.Select(e => e.Target));
        Assert.Equal(events.Select(e => e.Details!["note"]), read.Select(e => e.Details!["note"]));
    }
}
