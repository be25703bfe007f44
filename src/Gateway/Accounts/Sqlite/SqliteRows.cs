using Microsoft.Data.Sqlite;

namespace Gateway.Accounts.Sqlite;

/// <summary>Maps rows of the embedded store to the domain records (column order as in the store's SELECT lists).</summary>
internal static class SqliteRows
{
    /// <summary>Number of columns a key occupies in a row.</summary>
    public const int KeyColumnCount = 14;

    /// <summary>The account at column <paramref name="o"/>; <paramref name="id"/>, when given, is its id (not read again).</summary>
    public static ServiceAccount ReadAccount(SqliteDataReader reader, int o, string? id = null) => ReadAccount(new SqliteReaderRow(reader), o, id);

    /// <summary>The key at column <paramref name="o"/>; <paramref name="id"/>, when given, is its id (not read again).</summary>
    public static ApiKey ReadKey(SqliteDataReader reader, int o, string? id = null) => ReadKey(new SqliteReaderRow(reader), o, id);

    /// <summary>The account at column <paramref name="o"/> of <paramref name="reader"/>'s row; <paramref name="id"/>, when given, is its id.</summary>
    public static ServiceAccount ReadAccount<TRow>(TRow reader, int o, string? id = null)
        where TRow : struct, ISqliteRow
    {
        // Limits set in the initializer: a `with` copy afterwards allocated the record twice.
        var limits = ReadLimits(reader, o + 10);
        return new ServiceAccount
        {
            Id = id ?? reader.GetString(o),
            OrgId = reader.GetString(o + 1),
            ProjectId = reader.IsNull(o + 2) ? null : reader.GetString(o + 2),
            Name = reader.GetString(o + 3),
            Description = reader.IsNull(o + 4) ? null : reader.GetString(o + 4),
            Roles = SplitList(reader.GetString(o + 5)),
            AllowedCidrs = SplitList(reader.GetString(o + 6)),
            Status = (AccountStatus)reader.GetInt64(o + 7),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(o + 8)),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(o + 9)),
            RateLimit = limits?.RateLimit,
            Quota = limits?.Quota,
        };
    }

    /// <summary>The key at column <paramref name="o"/> of <paramref name="reader"/>'s row; <paramref name="id"/>, when given, is its id.</summary>
    public static ApiKey ReadKey<TRow>(TRow reader, int o, string? id = null)
        where TRow : struct, ISqliteRow
    {
        var limits = ReadLimits(reader, o + 12);
        return new ApiKey
        {
            Id = id ?? reader.GetString(o),
            AccountId = reader.GetString(o + 1),
            Kind = (KeyKind)reader.GetInt64(o + 2),
            Description = reader.IsNull(o + 3) ? null : reader.GetString(o + 3),
            Fingerprint = reader.GetString(o + 4),
            SecretHash = reader.GetBlob(o + 5),
            EncryptedSecret = reader.GetBlob(o + 6),
            AllowedCidrs = SplitList(reader.GetString(o + 7)),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(o + 8)),
            ExpiresAt = ReadTime(reader, o + 9),
            LastUsedAt = ReadTime(reader, o + 10),
            RevokedAt = ReadTime(reader, o + 11),
            RevokesAt = ReadTime(reader, o + 13),
            RateLimit = limits?.RateLimit,
            Quota = limits?.Quota,
        };
    }

    /// <summary>Lists are stored space-separated; their items (role names, CIDRs) never contain spaces.</summary>
    public static string JoinList(IReadOnlyList<string> items) => string.Join(' ', items);

    private static string[] SplitList(string value) =>
        value.Length == 0 ? [] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static UsageLimits? ReadLimits<TRow>(TRow reader, int ordinal) where TRow : struct, ISqliteRow =>
        reader.IsNull(ordinal) ? null : UsageLimits.Parse(reader.GetString(ordinal));

    private static DateTimeOffset? ReadTime<TRow>(TRow reader, int ordinal) where TRow : struct, ISqliteRow =>
        reader.IsNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
