using Gateway.Audit;

namespace Gateway.Tests.Audit;

public sealed class AuditEventIdsTests
{
    [Fact]
    public void Id_IsPrefixAndTwentyBase62Characters_AndItsCursorDecodes()
    {
        var id = AuditEventIds.New(1_764_460_800_123);

        Assert.Matches("^ev_[0-9A-Za-z]{20}$", id);
        var cursor = AuditCursor.Encode(new AuditEvent
        {
            Id = id, Time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_460_800_123), Kind = AuditKinds.Request,
            Action = AuditActions.ProxyRequest, Outcome = "success",
        });
        Assert.True(AuditCursor.TryDecode(cursor, out var position));
        Assert.Equal(id, position.Id);
    }

    [Fact]
    public void Ids_SortByTime_SoTheKeyIndexIsAppendOnly()
    {
        long[] times = [0, 1, 61, 62, 3_843, 1_764_460_800_123, 1_764_460_800_124, 1_764_460_861_000, 218_340_105_584_895];
        var ids = times.Select(AuditEventIds.New).ToArray();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(times.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_OfOneMillisecond_AreUnique_AndTheirRandomPartUsesTheWholeAlphabet()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => AuditEventIds.New(1_764_460_800_123)).ToArray();

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(ids.Select(id => id[..(3 + AuditEventIds.TimeLength)]).Distinct());
        var used = ids.SelectMany(id => id[(3 + AuditEventIds.TimeLength)..]).Distinct().Count();
        Assert.Equal(62, used);
    }
}
