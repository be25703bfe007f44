using System.Globalization;
using System.Text.Json;
using Gateway.Accounts;
using Gateway.Errors;
using Gateway.Serialization;
using StackExchange.Redis;

namespace Gateway.Audit.Redis;

/// <summary>
/// The audit trail in redis mode: one stream, <c>&lt;prefix&gt;audit</c>, shared by every replica; each entry holds
/// one event as JSON. Retention trims the stream by entry id (<c>XTRIM MINID</c>). Queries read the stream newest
/// first and filter as they go, reading at most <see cref="MaxScan"/> entries per call; the cursor is the stream
/// position of the last event returned.
/// </summary>
public sealed class RedisAuditStore(IConnectionMultiplexer redis, string keyPrefix) : IAuditStore
{
    /// <summary>Most stream entries one query reads before it answers with what it found and a cursor.</summary>
    public const int MaxScan = 50_000;

    private const int Batch = 500;
    private const string Field = "e";

    private RedisKey Stream => keyPrefix + "audit";

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var db = redis.GetDatabase();
        try
        {
            // UTF-8 bytes straight from the serializer: a string would be built in UTF-16 and transcoded again on send.
            await Task.WhenAll(events.Select(e => db.StreamAddAsync(Stream, Field, JsonSerializer.SerializeToUtf8Bytes(e, GatewayJson.Options))));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException("Redis did not take the audit events.", ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>Per-minute usage counts are not kept in redis mode; <c>lastUsedAt</c> is left to the account store.</remarks>
    public async Task<bool> AppendRequestsAsync(IReadOnlyList<AuditEvent> events, IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken)
    {
        await AppendAsync(events, cancellationToken);
        return false;
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var items = new List<(AuditEvent Event, long StreamMs)>(query.Limit + 1);
        RedisValue end = query.Before is { } before ? before.TimeMs.ToString(CultureInfo.InvariantCulture) : "+";
        var skipping = query.Before is not null;
        var sinceMs = query.Since?.ToUnixTimeMilliseconds();
        var scanned = 0;
        long lastMs = 0;
        string? lastId = null;
        while (items.Count <= query.Limit && scanned < MaxScan)
        {
            StreamEntry[] entries;
            try
            {
                entries = await db.StreamRangeAsync(Stream, "-", end, Batch, Order.Descending);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                throw new StoreUnavailableException("Redis did not answer the audit query.", ex);
            }

            foreach (var entry in entries)
            {
                scanned++;
                var streamMs = StreamMs(entry.Id);
                if (entry.Id == end && !skipping)
                {
                    continue;
                }

                var auditEvent = JsonSerializer.Deserialize<AuditEvent>((string)entry[Field]!, GatewayJson.Options)!;
                if (skipping)
                {
                    // Entries of the cursor's millisecond up to and including the cursor's event were on earlier pages.
                    if (streamMs == query.Before!.Value.TimeMs)
                    {
                        if (auditEvent.Id == query.Before.Value.Id)
                        {
                            skipping = false;
                        }

                        continue;
                    }

                    skipping = false;
                }

                lastMs = streamMs;
                lastId = auditEvent.Id;
                if (sinceMs is { } since && auditEvent.Time.ToUnixTimeMilliseconds() < since)
                {
                    return Page(items, query.Limit, null);
                }

                if ((query.PrincipalId is null || auditEvent.PrincipalId == query.PrincipalId)
                    && (query.Action is null || auditEvent.Action == query.Action))
                {
                    items.Add((auditEvent, streamMs));
                    if (items.Count > query.Limit)
                    {
                        break;
                    }
                }
            }

            if (entries.Length < Batch || items.Count > query.Limit)
            {
                break;
            }

            end = entries[^1].Id;
        }

        if (items.Count <= query.Limit && scanned >= MaxScan && lastId is not null)
        {
            return new AuditPage(items.Select(i => i.Event).ToArray(), OpaqueCursor.Encode(lastMs, lastId));
        }

        return Page(items, query.Limit, null);
    }

    /// <inheritdoc />
    /// <remarks>One <c>XTRIM … MINID</c>, whatever <paramref name="maxRows"/> is: Redis does the work, not this process.</remarks>
    public async Task<int> PurgeAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken)
    {
        try
        {
            var removed = await redis.GetDatabase().ExecuteAsync("XTRIM", Stream, "MINID",
                before.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            return (int)removed;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException("Redis did not trim the audit stream.", ex);
        }
    }

    private static AuditPage Page(List<(AuditEvent Event, long StreamMs)> items, int limit, string? cursor)
    {
        if (items.Count <= limit)
        {
            return new AuditPage(items.Select(i => i.Event).ToArray(), cursor);
        }

        items.RemoveAt(items.Count - 1);
        var last = items[^1];
        return new AuditPage(items.Select(i => i.Event).ToArray(), OpaqueCursor.Encode(last.StreamMs, last.Event.Id));
    }

    private static long StreamMs(RedisValue id)
    {
        var text = (string)id!;
        return long.Parse(text.AsSpan(0, text.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }
}
