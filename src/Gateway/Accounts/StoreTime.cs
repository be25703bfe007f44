namespace Gateway.Accounts;

/// <summary>The clock of stored records: the current time at the stores' precision (milliseconds).</summary>
public static class StoreTime
{
    /// <summary>The current UTC time of <paramref name="time"/> truncated to milliseconds, the store's precision.</summary>
    public static DateTimeOffset GetStoreUtcNow(this TimeProvider time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
}
