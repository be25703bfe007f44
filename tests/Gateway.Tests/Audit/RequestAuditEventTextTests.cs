using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Telemetry.TraceContext;
using Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Audit;

/// <summary>
/// A proxied request's event holds its id and trace id as numbers (no string on the request thread); the store writes
/// their text as UTF-8. What is stored, read back and serialised must be exactly what the event
/// says through its properties, in the same format as ids made as strings, unique under concurrency, in order.
/// </summary>
public sealed class RequestAuditEventTextTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(61L)]
    [InlineData(1_764_460_800_123L)]
    [InlineData(253_402_300_799_999L)] // DateTimeOffset.MaxValue
    public void IdValue_WritesTheSameTextAsCharsAsUtf8AndAsAString_WithItsTimePart(long ms)
    {
        var value = AuditEventIds.NewValue(ms);
        var text = AuditEventIds.Format(value);
        Span<char> chars = stackalloc char[AuditEventIds.Length];
        Span<byte> bytes = stackalloc byte[AuditEventIds.Length];
        AuditEventIds.Write(value, chars);
        AuditEventIds.Write(value, bytes);

        Assert.Matches("^ev_[0-9A-Za-z]{20}$", text);
        Assert.Equal(text, chars.ToString());
        Assert.Equal(text, Encoding.UTF8.GetString(bytes));
        Assert.Equal(AuditEventIds.New(ms)[..(3 + AuditEventIds.TimeLength)], text[..(3 + AuditEventIds.TimeLength)]);
        Assert.NotEqual(text, AuditEventIds.Format(AuditEventIds.NewValue(ms)));
    }

    [Fact]
    public void FactoryEvent_WithoutAnActivity_HoldsTheRequestsTraceId_AndAStableId()
    {
        Assert.Null(Activity.Current);
        var (factory, context) = Request();
        var trace = RequestTraceContext.Of(context);

        var e = factory.Create(context, Samples.Identity(), AuditKinds.Request, AuditActions.ProxyRequest, "route-a", 200, 1.5);

        Assert.Equal(trace.TraceId, e.TraceId);
        Assert.Same(e.Id, e.Id);
        Assert.Matches("^ev_[0-9A-Za-z]{20}$", e.Id);
        Assert.StartsWith(AuditEventIds.New(e.Time.ToUnixTimeMilliseconds())[..(3 + AuditEventIds.TimeLength)], e.Id, StringComparison.Ordinal);
        Assert.Null((e with { TraceId = null }).TraceId);
        Assert.Equal("x", (e with { TraceId = "x" }).TraceId);
        Assert.Equal(e.Id, (e with { Status = 500 }).Id);
    }

    [Fact]
    public void FactoryEvent_UnderAnActivity_HoldsTheActivitysTraceId()
    {
        var (factory, context) = Request();
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var e = factory.Create(context, Samples.Identity(), AuditKinds.Request, AuditActions.ProxyRequest, "route-a", 200, 1.5);

        Assert.Equal(activity.TraceId.ToHexString(), e.TraceId);
    }

    [Fact]
    public void Events_AreEqual_ByWhatTheySay_WhicheverFormTheirIdsAreHeldIn()
    {
        var (factory, context) = Request();
        var held = factory.Create(context, Samples.Identity(), AuditKinds.Request, AuditActions.ProxyRequest, "route-a", 403, 1.5);
        var asText = new AuditEvent
        {
            Id = new string(held.Id.AsSpan()),
            Time = held.Time,
            Kind = held.Kind,
            PrincipalId = held.PrincipalId,
            PrincipalName = held.PrincipalName,
            KeyId = held.KeyId,
            Action = held.Action,
            Target = held.Target,
            Outcome = held.Outcome,
            Status = held.Status,
            Method = held.Method,
            LatencyMs = held.LatencyMs,
            ClientIp = held.ClientIp,
            TraceId = new string(held.TraceId.AsSpan()),
        };

        Assert.Equal(asText, held);
        Assert.Equal(asText.GetHashCode(), held.GetHashCode());
        Assert.NotEqual(asText with { Id = AuditEventIds.New(0) }, held);
        Assert.NotEqual(asText with { TraceId = null }, held);
        Assert.NotEqual(asText with { LatencyMs = 2 }, held);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(53)]
    public async Task FactoryEvents_MixedWithTextIds_ReadBackAsWritten_InOrder(int count)
    {
        var store = await StoreAsync();
        var time = new FakeTimeProvider(Samples.T0);
        var (factory, context) = Request(time);
        var events = new List<AuditEvent>();
        for (var i = 0; i < count; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(i % 2)); // some events share a millisecond
            context.Features.Set<RequestTraceContext>(null); // a request of its own
            var e = factory.Create(context, i % 5 == 0 ? null : Samples.Identity(), AuditKinds.Request, AuditActions.ProxyRequest,
                "route-" + (i % 3), i % 7 == 0 ? 403 : 200, i % 4 == 0 ? null : i * 0.5);
            if (i % 6 == 1)
            {
                _ = e.Id; // a string made before the write: bound as text
            }

            if (i % 9 == 2)
            {
                _ = e.TraceId;
            }

            events.Add(i % 11 == 3 ? e with { Id = AuditEventIds.New(e.Time.ToUnixTimeMilliseconds()), TraceId = null } : e);
        }

        Assert.True(await store.AppendRequestsAsync(events, [], CancellationToken.None));
        var read = (await store.QueryAsync(new AuditQuery { Limit = 100 }, CancellationToken.None)).Items;

        // Newest first: the events of one millisecond in descending id order.
        var expected = events.OrderByDescending(e => e.Time).ThenByDescending(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, read);
        Assert.Equal(count, read.Select(e => e.Id).Distinct().Count());
        Assert.All(read, e => Assert.Matches("^ev_[0-9A-Za-z]{20}$", e.Id));
        Assert.All(read.Where(e => e.TraceId is not null), e => Assert.Matches("^[0-9a-f]{32}$", e.TraceId!));
    }

    [Fact]
    public async Task FactoryEvents_MadeOnManyThreads_HaveUniqueIds_AllStored()
    {
        var store = await StoreAsync();
        var factory = new AuditEventFactory(new FakeTimeProvider(Samples.T0)); // one millisecond for all: only the random part differs
        var events = new System.Collections.Concurrent.ConcurrentBag<AuditEvent>();
        Parallel.For(0, 8, _ =>
        {
            var context = new DefaultHttpContext();
            context.Request.Method = "GET";
            for (var i = 0; i < 2_000; i++)
            {
                context.Features.Set<RequestTraceContext>(null);
                events.Add(factory.Create(context, Samples.Identity(), AuditKinds.Request, AuditActions.ProxyRequest, "r", 200, 1));
            }
        });

        var all = events.ToList();
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.True(await store.AppendRequestsAsync(all, [], CancellationToken.None));
        await using var connection = new SqliteConnection($"Data Source={_dir.Combine("data", "gateway.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(DISTINCT id), count(DISTINCT trace_id), count(*) FROM audit_events;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(all.Count, reader.GetInt32(0));
        Assert.Equal(all.Count, reader.GetInt32(1));
        Assert.Equal(all.Count, reader.GetInt32(2));
    }

    [Fact]
    public void FactoryEvent_SerialisesAsAnEventMadeWithStrings()
    {
        var (factory, context) = Request();
        var held = factory.Create(context, Samples.Identity(), AuditKinds.Request, AuditActions.ProxyRequest, "route-a", 200, 1.5);
        var asText = held with { Id = new string(held.Id.AsSpan()), TraceId = new string(held.TraceId.AsSpan()) };

        var json = System.Text.Json.JsonSerializer.Serialize(held, Gateway.Serialization.GatewayJson.Options);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(asText, Gateway.Serialization.GatewayJson.Options), json);
        Assert.Contains($"\"id\":\"{held.Id}\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"traceId\":\"{held.TraceId}\"", json, StringComparison.Ordinal);
        Assert.Equal(held, System.Text.Json.JsonSerializer.Deserialize<AuditEvent>(json, Gateway.Serialization.GatewayJson.Options));
    }

    private static (AuditEventFactory Factory, DefaultHttpContext Context) Request(FakeTimeProvider? time = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        return (new AuditEventFactory(time ?? new FakeTimeProvider(Samples.T0)), context);
    }

    private async Task<SqliteAuditStore> StoreAsync()
    {
        var path = _dir.Combine("data", "gateway.db");
        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);
        return new SqliteAuditStore(path);
    }
}
