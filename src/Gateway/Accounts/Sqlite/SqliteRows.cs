using Microsoft.Data.Sqlite;

namespace Gateway.Accounts.Sqlite;

/// <summary>Maps rows of the embedded store to the domain records (column order as in the store's SELECT lists).</summary>
internal static class SqliteRows
{
    /// <summary>Number of columns a key occupies in a row.</summary>
    public const int KeyColumnCount = 14;

    /// <summary>The account at column <paramref name="o"/>; <paramref name="id"/>, when given, is its id (not read again).</summary>
    public static ServiceAccount ReadAccount(SqliteDataReader reader, int o, string? id = null) => new ServiceAccount
    {
        Id = id ?? reader.GetString(o),
        OrgId = reader.GetString(o + 1),
        ProjectId = reader.IsDBNull(o + 2) ? null : reader.GetString(o + 2),
        Name = reader.GetString(o + 3),
        Description = reader.IsDBNull(o + 4) ? null : reader.GetString(o + 4),
        Roles = SplitList(reader.GetString(o + 5)),
        AllowedCidrs = SplitList(reader.GetString(o + 6)),
        Status = (AccountStatus)reader.GetInt32(o + 7),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(o + 8)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(o + 9)),
    } is var account && ReadLimits(reader, o + 10) is { } limits
        ? account with { RateLimit = limits.RateLimit, Quota = limits.Quota }
        : account;

    /// <summary>The key at column <paramref name="o"/>; <paramref name="id"/>, when given, is its id (not read again).</summary>
    public static ApiKey ReadKey(SqliteDataReader reader, int o, string? id = null) => new ApiKey
    {
        Id = id ?? reader.GetString(o),
        AccountId = reader.GetString(o + 1),
        Kind = (KeyKind)reader.GetInt32(o + 2),
        Description = reader.IsDBNull(o + 3) ? null : reader.GetString(o + 3),
        Fingerprint = reader.GetString(o + 4),
        SecretHash = (byte[])reader.GetValue(o + 5),
        EncryptedSecret = (byte[])reader.GetValue(o + 6),
        AllowedCidrs = SplitList(reader.GetString(o + 7)),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(o + 8)),
        ExpiresAt = ReadTime(reader, o + 9),
        LastUsedAt = ReadTime(reader, o + 10),
        RevokedAt = ReadTime(reader, o + 11),
        RevokesAt = ReadTime(reader, o + 13),
    } is var key && ReadLimits(reader, o + 12) is { } limits
        ? key with { RateLimit = limits.RateLimit, Quota = limits.Quota }
        : key;

    /// <summary>Lists are stored space-separated; their items (role names, CIDRs) never contain spaces.</summary>
    public static string JoinList(IReadOnlyList<string> items) => string.Join(' ', items);

    private static string[] SplitList(string value) =>
        value.Length == 0 ? [] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static UsageLimits? ReadLimits(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UsageLimits.Parse(reader.GetString(ordinal));

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
