namespace Gateway.Accounts.Redis;

/// <summary>
/// The Lua scripts of scheduled revocations (renewal with a grace period). Like <see cref="RedisScripts"/>, each
/// touches keys of one account's hash tag only.
/// </summary>
internal static class RedisRevocationScripts
{
    /// <summary>
    /// KEYS: account hash, keys zset, old key hash, new key hash. ARGV: revokes-at ms, new score, new id, new key
    /// pairs. Schedules the old key's revocation (an earlier schedule stands) and adds the new key. Returns the
    /// effective revokes-at ms; 0 when the old key is missing or already revoked (nothing written); -1 when the
    /// account does not exist.
    /// </summary>
    public const string ReplaceKeyLater = """
        if redis.call('EXISTS', KEYS[3]) == 0 or redis.call('HEXISTS', KEYS[3], 'revoked') == 1 then return 0 end
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        local at = ARGV[1]
        local current = redis.call('HGET', KEYS[3], 'revokes')
        if current and tonumber(current) < tonumber(at) then at = current end
        redis.call('HSET', KEYS[3], 'revokes', at)
        redis.call('HSET', KEYS[4], unpack(ARGV, 4))
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
        return tonumber(at)
        """;

    /// <summary>
    /// KEYS: key hash. ARGV: now ms. The one transition from "scheduled" to "revoked": sets <c>revoked</c> to the
    /// scheduled time when it is due and the key is not revoked yet. Returns 1 to the caller that made the change;
    /// 0 when there is nothing to do any more (key gone, revoked already, no schedule); -1 with the due time when it is
    /// not due yet.
    /// </summary>
    public const string CompleteScheduledRevocation = """
        if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'revoked') == 1 then return {0} end
        local due = redis.call('HGET', KEYS[1], 'revokes')
        if not due then return {0} end
        if tonumber(due) > tonumber(ARGV[1]) then return {-1, due} end
        redis.call('HSET', KEYS[1], 'revoked', due)
        return {1}
        """;
}
