using System.Globalization;
using StackExchange.Redis;
using Role = Gateway.Accounts.Roles.Role;

namespace Gateway.Accounts.Redis;

/// <summary>
/// Maps accounts, keys and roles to Redis hash fields and back. A <c>null</c> value is an absent field; lists are
/// space-separated (role names and CIDRs never contain spaces); times are Unix milliseconds.
/// </summary>
internal static class RedisRecords
{
    public static List<RedisValue> AccountFields(ServiceAccount account)
    {
        var fields = new List<RedisValue>(20)
        {
            "id", account.Id,
            "org", account.OrgId,
            "name", account.Name,
            "roles", Join(account.Roles),
            "cidrs", Join(account.AllowedCidrs),
            "status", (int)account.Status,
            "created", account.CreatedAt.ToUnixTimeMilliseconds(),
            "updated", account.UpdatedAt.ToUnixTimeMilliseconds(),
        };
        AddOptional(fields, "project", account.ProjectId);
        AddOptional(fields, "desc", account.Description);
        AddOptional(fields, "limits", UsageLimits.Serialize(account.RateLimit, account.Quota));
        return fields;
    }

    /// <summary>The mutable fields of an account as (fields to delete, field/value pairs to set).</summary>
    public static (List<RedisValue> Delete, List<RedisValue> Set) AccountUpdate(ServiceAccount account)
    {
        var delete = new List<RedisValue>(1);
        var set = new List<RedisValue>(10)
        {
            "roles", Join(account.Roles),
            "cidrs", Join(account.AllowedCidrs),
            "status", (int)account.Status,
            "updated", account.UpdatedAt.ToUnixTimeMilliseconds(),
        };
        if (account.Description is null)
        {
            delete.Add("desc");
        }
        else
        {
            set.Add("desc");
            set.Add(account.Description);
        }

        if (UsageLimits.Serialize(account.RateLimit, account.Quota) is { } limits)
        {
            set.Add("limits");
            set.Add(limits);
        }
        else
        {
            delete.Add("limits");
        }

        return (delete, set);
    }

    public static List<RedisValue> KeyFields(ApiKey key)
    {
        var fields = new List<RedisValue>(24)
        {
            "id", key.Id,
            "account", key.AccountId,
            "kind", (int)key.Kind,
            "fp", key.Fingerprint,
            "hash", key.SecretHash,
            "enc", key.EncryptedSecret,
            "cidrs", Join(key.AllowedCidrs),
            "created", key.CreatedAt.ToUnixTimeMilliseconds(),
        };
        AddOptional(fields, "desc", key.Description);
        AddOptional(fields, "expires", key.ExpiresAt?.ToUnixTimeMilliseconds());
        AddOptional(fields, "used", key.LastUsedAt?.ToUnixTimeMilliseconds());
        AddOptional(fields, "revoked", key.RevokedAt?.ToUnixTimeMilliseconds());
        AddOptional(fields, "limits", UsageLimits.Serialize(key.RateLimit, key.Quota));
        AddOptional(fields, "revokes", key.RevokesAt?.ToUnixTimeMilliseconds());
        return fields;
    }

    /// <summary>The account in <paramref name="entries"/>, or <c>null</c> when the hash was empty (absent).</summary>
    public static ServiceAccount? ReadAccount(HashEntry[] entries) =>
        entries.Length == 0 ? null : ReadAccount(ToDictionary(entries));

    /// <summary>The key in <paramref name="entries"/>, or <c>null</c> when the hash was empty (absent).</summary>
    public static ApiKey? ReadKey(HashEntry[] entries) =>
        entries.Length == 0 ? null : ReadKey(ToDictionary(entries));

    /// <summary>The account in a flat HGETALL reply from a script, or <c>null</c> when empty.</summary>
    public static ServiceAccount? ReadAccount(RedisResult flat) => ToDictionary(flat) is { Count: > 0 } d ? ReadAccount(d) : null;

    /// <summary>The key in a flat HGETALL reply from a script, or <c>null</c> when empty.</summary>
    public static ApiKey? ReadKey(RedisResult flat) => ToDictionary(flat) is { Count: > 0 } d ? ReadKey(d) : null;

    public static Role? ReadRole(string name, HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var d = ToDictionary(entries);
        return new Role
        {
            Name = name,
            Description = Optional(d, "desc"),
            Scopes = Split(d["scopes"]),
            CreatedAt = Time(d["created"]),
            UpdatedAt = Time(d["updated"]),
        };
    }

    public static string Join(IReadOnlyList<string> items) => string.Join(' ', items);

    private static ServiceAccount ReadAccount(Dictionary<string, RedisValue> d) => new()
    {
        Id = d["id"]!,
        OrgId = d["org"]!,
        ProjectId = Optional(d, "project"),
        Name = d["name"]!,
        Description = Optional(d, "desc"),
        Roles = Split(d["roles"]),
        AllowedCidrs = Split(d["cidrs"]),
        Status = (AccountStatus)(int)d["status"],
        CreatedAt = Time(d["created"]),
        UpdatedAt = Time(d["updated"]),
        RateLimit = UsageLimits.Parse(Optional(d, "limits")).RateLimit,
        Quota = UsageLimits.Parse(Optional(d, "limits")).Quota,
    };

    private static ApiKey ReadKey(Dictionary<string, RedisValue> d) => new()
    {
        Id = d["id"]!,
        AccountId = d["account"]!,
        Kind = (KeyKind)(int)d["kind"],
        Description = Optional(d, "desc"),
        Fingerprint = d["fp"]!,
        SecretHash = (byte[]?)d["hash"] ?? [],
        EncryptedSecret = (byte[]?)d["enc"] ?? [],
        AllowedCidrs = Split(d["cidrs"]),
        CreatedAt = Time(d["created"]),
        ExpiresAt = OptionalTime(d, "expires"),
        LastUsedAt = OptionalTime(d, "used"),
        RevokedAt = OptionalTime(d, "revoked"),
        RateLimit = UsageLimits.Parse(Optional(d, "limits")).RateLimit,
        Quota = UsageLimits.Parse(Optional(d, "limits")).Quota,
        RevokesAt = OptionalTime(d, "revokes"),
    };

    private static void AddOptional(List<RedisValue> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(name);
            fields.Add(value);
        }
    }

    private static void AddOptional(List<RedisValue> fields, string name, long? value)
    {
        if (value is { } v)
        {
            fields.Add(name);
            fields.Add(v);
        }
    }

    private static Dictionary<string, RedisValue> ToDictionary(HashEntry[] entries)
    {
        var d = new Dictionary<string, RedisValue>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            d[entry.Name!] = entry.Value;
        }

        return d;
    }

    private static Dictionary<string, RedisValue> ToDictionary(RedisResult flat)
    {
        var items = (RedisResult[])flat!;
        var d = new Dictionary<string, RedisValue>(items.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            d[(string)items[i]!] = (RedisValue)items[i + 1];
        }

        return d;
    }

    private static string? Optional(Dictionary<string, RedisValue> d, string name) =>
        d.TryGetValue(name, out var value) ? (string?)value : null;

    private static DateTimeOffset? OptionalTime(Dictionary<string, RedisValue> d, string name) =>
        d.TryGetValue(name, out var value) ? Time(value) : null;

    private static DateTimeOffset Time(RedisValue value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)value!, NumberStyles.Integer, CultureInfo.InvariantCulture));

    private static string[] Split(RedisValue value) =>
        value.IsNullOrEmpty ? [] : ((string)value!).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
