namespace Gateway.Accounts.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisAccountStore"/>. Each touches only the keys it is given, and those keys
/// always share one hash tag (one account, one org, or the roles), so every script is atomic on a single Redis and
/// on Redis Cluster alike.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS: org names hash, org accounts zset. ARGV: name, account id, now ms, creation score, grace ms, stale owner
    /// (or empty). Reserves the name for the account and lists it in the org. A reservation held by another id is
    /// taken over only when the caller names it as the stale owner (its account is gone) and it is older than the
    /// grace period (so a creation still in flight is never overtaken). Returns {1, id} or {0, current owner}.
    /// </summary>
    public const string ReserveName = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current then
          local sep = string.find(current, '|', 1, true)
          local owner = string.sub(current, 1, sep - 1)
          if owner == ARGV[2] then return {1, owner} end
          if ARGV[6] ~= owner or tonumber(ARGV[3]) - tonumber(string.sub(current, sep + 1)) < tonumber(ARGV[5]) then
            return {0, owner}
          end
          redis.call('ZREM', KEYS[2], owner)
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
        return {1, ARGV[2]}
        """;

    /// <summary>KEYS: org names hash, org accounts zset. ARGV: name, account id. Releases the name if this id holds it.</summary>
    public const string ReleaseName = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current and string.sub(current, 1, #ARGV[2] + 1) == ARGV[2] .. '|' then
          redis.call('HDEL', KEYS[1], ARGV[1])
        end
        redis.call('ZREM', KEYS[2], ARGV[2])
        return 1
        """;

    /// <summary>
    /// KEYS: account hash, keys zset[, key hash]. ARGV: n, the n account field/value entries[, key score, key id,
    /// key field/value pairs]. Creates the account (and its first key). Returns 1, or 0 when the id exists.
    /// </summary>
    public const string CreateAccount = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local n = tonumber(ARGV[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 2, n + 1))
        if #KEYS == 3 then
          redis.call('HSET', KEYS[3], unpack(ARGV, n + 4))
          redis.call('ZADD', KEYS[2], ARGV[n + 2], ARGV[n + 3])
        end
        return 1
        """;

    /// <summary>
    /// KEYS: account hash. ARGV: d, d field names to delete, then field/value pairs to set. Returns 1, or 0 when the
    /// account does not exist.
    /// </summary>
    public const string UpdateAccount = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local d = tonumber(ARGV[1])
        if d > 0 then redis.call('HDEL', KEYS[1], unpack(ARGV, 2, d + 1)) end
        redis.call('HSET', KEYS[1], unpack(ARGV, d + 2))
        return 1
        """;

    /// <summary>
    /// KEYS: account hash, keys zset, then every key hash of the account. Deletes the keys and the account together.
    /// Returns 1; 0 when the account does not exist; -1 when the key set changed since it was read (retry).
    /// </summary>
    public const string DeleteAccount = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        if redis.call('ZCARD', KEYS[2]) ~= #KEYS - 2 then return -1 end
        for i = 3, #KEYS do redis.call('DEL', KEYS[i]) end
        redis.call('DEL', KEYS[2])
        redis.call('DEL', KEYS[1])
        return 1
        """;

    /// <summary>
    /// KEYS: account hash, keys zset, key hash. ARGV: score, key id, field/value pairs. Returns 1; 0 when the key
    /// exists; -1 when the account does not.
    /// </summary>
    public const string CreateKey = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
        redis.call('HSET', KEYS[3], unpack(ARGV, 3))
        redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
        return 1
        """;

    /// <summary>
    /// KEYS: key hash. ARGV: last-used ms, resolution ms. Raises <c>used</c> when it is at least the resolution
    /// later (<see cref="LastUsed"/>), never lowers it; nothing for a missing key.
    /// </summary>
    public const string TouchKey = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local current = redis.call('HGET', KEYS[1], 'used')
        if current and tonumber(current) > tonumber(ARGV[1]) - tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], 'used', ARGV[1])
        return 1
        """;

    /// <summary>KEYS: key hash. ARGV: revoked-at ms. Keeps an earlier revocation. Returns 1, or 0 when the key does not exist.</summary>
    public const string RevokeKey = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSETNX', KEYS[1], 'revoked', ARGV[1])
        return 1
        """;

    /// <summary>
    /// KEYS: key hash. ARGV: description, serialised limits (an empty string removes the field). Returns 1; 0 when
    /// the key does not exist.
    /// </summary>
    public const string UpdateKey = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        if ARGV[1] == '' then redis.call('HDEL', KEYS[1], 'desc') else redis.call('HSET', KEYS[1], 'desc', ARGV[1]) end
        if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'limits') else redis.call('HSET', KEYS[1], 'limits', ARGV[2]) end
        return 1
        """;

    /// <summary>
    /// KEYS: account hash, keys zset, old key hash, new key hash. ARGV: revoked-at ms, new score, new id, new key
    /// pairs. Revokes the old key and adds the new one. Returns 1; 0 when the old key is missing or already revoked
    /// (nothing written); -1 when the account does not exist.
    /// </summary>
    public const string ReplaceKey = """
        if redis.call('EXISTS', KEYS[3]) == 0 or redis.call('HEXISTS', KEYS[3], 'revoked') == 1 then return 0 end
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        redis.call('HSET', KEYS[3], 'revoked', ARGV[1])
        redis.call('HSET', KEYS[4], unpack(ARGV, 4))
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: account hash, keys zset, new key hash, then every existing key hash. ARGV: revoked-at ms, new score, new
    /// id, new key pairs. Revokes every live key and adds the new one. Returns 1; -1 when the key set changed since
    /// it was read (retry); -2 when the account does not exist.
    /// </summary>
    public const string ReplaceAllKeys = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -2 end
        if redis.call('ZCARD', KEYS[2]) ~= #KEYS - 3 then return -1 end
        for i = 4, #KEYS do
          if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('HSETNX', KEYS[i], 'revoked', ARGV[1]) end
        end
        redis.call('HSET', KEYS[3], unpack(ARGV, 4))
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
        return 1
        """;

    /// <summary>KEYS: key hash, account hash. Both hashes as one consistent snapshot.</summary>
    public const string FindCredential = """
        return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
        """;

    /// <summary>
    /// KEYS: role names set, role hash. ARGV: name, created ms, updated ms, scopes[, description]. Creates or
    /// replaces the role, keeping its creation time. Returns 1 when created, 0 when replaced.
    /// </summary>
    public const string PutRole = """
        local created = redis.call('SADD', KEYS[1], ARGV[1])
        if created == 1 then redis.call('HSET', KEYS[2], 'created', ARGV[2]) end
        redis.call('HSET', KEYS[2], 'updated', ARGV[3], 'scopes', ARGV[4])
        if ARGV[5] then redis.call('HSET', KEYS[2], 'desc', ARGV[5]) else redis.call('HDEL', KEYS[2], 'desc') end
        return created
        """;
}
