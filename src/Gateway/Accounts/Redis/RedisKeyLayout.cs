using StackExchange.Redis;

namespace Gateway.Accounts.Redis;

/// <summary>
/// The names of every Redis key of the shared store. Everything that must change atomically lives under one hash
/// tag, so it maps to one Redis Cluster slot and one Lua script can update it:
/// <list type="bullet">
/// <item><c>{prefix}{sa_X}:account</c> — hash: the account.</item>
/// <item><c>{prefix}{sa_X}:key:ak_Y</c> — hash: one key of the account.</item>
/// <item><c>{prefix}{sa_X}:keys</c> — sorted set: the account's key ids, scored by creation time (ties by id).</item>
/// <item><c>{prefix}keyidx:ak_Y</c> — string: the owning account id, so a key id resolves in O(1).</item>
/// <item><c>{prefix}org:{acme}:names</c> — hash: account name → <c>sa_X|reservedAtMs</c> (uniqueness per org).</item>
/// <item><c>{prefix}org:{acme}:accounts</c> — sorted set: the org's account ids by creation time (listing).</item>
/// <item><c>{prefix}accounts</c> — sorted set: every account id by creation time (listing).</item>
/// <item><c>{prefix}{roles}:names</c> — set, and <c>{prefix}{roles}:role:NAME</c> — hash: custom roles.</item>
/// <item><c>{prefix}revocations</c> — sorted set: key ids whose revocation a renewal scheduled, by due time.</item>
/// <item><c>{prefix}schema</c> — string: layout version; <c>{prefix}invalidate</c> — the pub/sub channel.</item>
/// </list>
/// Default prefix <c>gw:</c>; it never contains braces (validated), so the tags above are the ones Redis uses.
/// </summary>
public sealed class RedisKeyLayout(string prefix)
{
    /// <summary>The prefix every key starts with.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>The hash holding an account.</summary>
    public RedisKey Account(string accountId) => $"{Prefix}{{{accountId}}}:account";

    /// <summary>The sorted set of an account's key ids.</summary>
    public RedisKey AccountKeys(string accountId) => $"{Prefix}{{{accountId}}}:keys";

    /// <summary>The hash holding one key, in its account's slot.</summary>
    public RedisKey Key(string accountId, string keyId) => $"{Prefix}{{{accountId}}}:key:{keyId}";

    /// <summary>The index entry from a key id to its account id.</summary>
    public RedisKey KeyIndex(string keyId) => $"{Prefix}keyidx:{keyId}";

    /// <summary>The per-org hash of reserved account names.</summary>
    public RedisKey OrgNames(string orgId) => $"{Prefix}org:{{{orgId}}}:names";

    /// <summary>The per-org listing index, in the same slot as <see cref="OrgNames"/>.</summary>
    public RedisKey OrgAccounts(string orgId) => $"{Prefix}org:{{{orgId}}}:accounts";

    /// <summary>The listing index of every account.</summary>
    public RedisKey AllAccounts => $"{Prefix}accounts";

    /// <summary>The set of custom role names.</summary>
    public RedisKey RoleNames => $"{Prefix}{{roles}}:names";

    /// <summary>The hash holding one custom role, in the same slot as <see cref="RoleNames"/>.</summary>
    public RedisKey Role(string name) => $"{Prefix}{{roles}}:role:{name}";

    /// <summary>The schedule of revocations set by renewals with a grace period: key id scored by due time (ms).</summary>
    public RedisKey ScheduledRevocations => $"{Prefix}revocations";

    /// <summary>The layout version marker.</summary>
    public RedisKey Schema => $"{Prefix}schema";

    /// <summary>The pub/sub channel on which every replica hears about changes.</summary>
    public RedisChannel InvalidationChannel => RedisChannel.Literal($"{Prefix}invalidate");
}
