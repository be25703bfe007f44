using BenchmarkDotNet.Attributes;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Authentication;
using Gateway.Telemetry.TraceContext;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Gateway.Benchmarks;

/// <summary>
/// One request-audit flush: <c>SqliteAuditStore.AppendRequestsAsync</c> of a 500-event batch (the default
/// <c>Gateway:Audit:BatchSize</c>) into a store already holding 100,000 events, per event. <c>Schema</c> <c>old</c> is
/// the table before migration 6 (a rowid table with its <c>id</c> primary key, <c>ix_audit_time</c> and
/// <c>ix_audit_principal</c>), <c>new</c> the current one (one B-tree keyed by <c>(time, id)</c>); <c>Principals</c>
/// spreads the events over that many service accounts (the <c>bearer</c> and <c>bearer-1m</c> load scenarios).
/// Building the batch (500 ids and events) is part of the measured work on both sides: <c>Events</c> <c>text</c> builds
/// them with their id and trace id as strings (admin events, and request events before docs/PERFORMANCE.md's "Hot
/// path, eleventh pass"), <c>request</c> as a proxied request's audit frame does (<c>AuditEventFactory.Create</c>: id
/// and trace id held as numbers, written as UTF-8 by the store).
/// </summary>
[MemoryDiagnoser]
public class AuditBatchBenchmarks
{
    private const int Batch = 500;
    private const int Prefill = 100_000;
    private TempDatabase _database = null!;
    private SqliteAuditStore _store = null!;
    private string[] _principals = null!;
    private GatewayIdentity[] _identities = null!;
    private readonly AuditEventFactory _factory = new(TimeProvider.System);
    private readonly DefaultHttpContext _context = new();
    private long _ms;
    private int _next;

    /// <summary>Table layout: <c>old</c> (schema 5) or <c>new</c> (the current schema).</summary>
    [Params("old", "new")]
    public string Schema { get; set; } = "new";

    /// <summary>How the events are built: <c>text</c> (id and trace id strings) or <c>request</c> (the request audit's factory).</summary>
    [Params("text", "request")]
    public string Events { get; set; } = "text";

    /// <summary>Service accounts the events are spread over.</summary>
    [Params(10, 1000)]
    public int Principals { get; set; } = 10;

    /// <summary>Creates the store at the chosen schema and fills it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _database = new TempDatabase();
        var path = _database.Path;
        if (Schema == "old")
        {
            using var connection = new SqliteConnection($"Data Source={path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;\n" + string.Join('\n', SqliteSchema.Migrations.Take(5)) + "\nPRAGMA user_version=5;";
            command.ExecuteNonQuery();
        }
        else
        {
            new SqliteAccountStore(path).InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        _principals = Enumerable.Range(0, Principals).Select(_ => Gateway.Accounts.IdGenerator.NewAccountId()).ToArray();
        _identities = _principals.Select(id => new GatewayIdentity
        {
            PrincipalId = id, PrincipalType = "service_account", Name = "load-test-account", OrgId = "org_1",
            KeyId = "ak_0r0AFZcXYdnmiatZ", AuthScheme = "api-key", Scopes = [],
        }).ToArray();
        _context.Request.Method = "GET";
        _context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        _ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _store = new SqliteAuditStore(path);
        for (var i = 0; i < Prefill / Batch; i++)
        {
            Flush().GetAwaiter().GetResult();
        }
    }

    /// <summary>Removes the temporary store.</summary>
    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    /// <summary>One batch of 500 request events (about 2.5 ms of traffic at 200k requests/s), reported per event.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public Task<bool> Flush()
    {
        var events = new List<AuditEvent>(Batch);
        for (var i = 0; i < Batch; i++)
        {
            if (Events == "request")
            {
                _context.Features.Set<RequestTraceContext>(null); // a request of its own: a trace id of its own
                events.Add(_factory.Create(_context, _identities[_next++ % _identities.Length], AuditKinds.Request,
                    AuditActions.ProxyRequest, "default", 200, 0.412));
                continue;
            }

            var ms = _ms + (_next / 100); // 100 events per millisecond
            var principal = _principals[_next++ % _principals.Length];
            events.Add(new AuditEvent
            {
                Id = AuditEventIds.New(ms),
                Time = DateTimeOffset.FromUnixTimeMilliseconds(ms),
                Kind = AuditKinds.Request,
                PrincipalId = principal,
                PrincipalName = "load-test-account",
                KeyId = "ak_0r0AFZcXYdnmiatZ",
                Action = AuditActions.ProxyRequest,
                Target = "default",
                Outcome = "success",
                Status = 200,
                Method = "GET",
                LatencyMs = 0.412,
                ClientIp = "127.0.0.1",
                TraceId = "1f627ba17ed23103b2786f0a34afaabc",
            });
        }

        return _store.AppendRequestsAsync(events, [], CancellationToken.None);
    }
}
