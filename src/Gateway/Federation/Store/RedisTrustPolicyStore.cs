using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gateway.Accounts.Redis;
using Gateway.Errors;
using Gateway.Federation.Policies;
using StackExchange.Redis;

namespace Gateway.Federation.Store;

/// <summary>
/// Trust policies in the shared Redis store. Keys (the account's under its hash tag, so Cluster keeps the account
/// and its policies in one slot and the creation script can check the account atomically):
/// <list type="bullet">
/// <item><c>{prefix}{sa_X}:trust-policies</c> — hash: policy id → policy JSON.</item>
/// <item><c>{prefix}trust-policy:tp_Y</c> — string: the owning account id (lookup by id).</item>
/// <item><c>{prefix}trust-issuer:HASH</c> — set of <c>sa_X/tp_Y</c> naming one issuer (HASH: first 16 bytes of its
/// SHA-256, base64url). Index entries are confirmed against the account's hash on read, so a stale entry is harmless.</item>
/// </list>
/// </summary>
public sealed class RedisTrustPolicyStore(IConnectionMultiplexer redis, RedisKeyLayout layout) : ITrustPolicyStore
{
    // KEYS[1] account hash, KEYS[2] policies hash; ARGV[1] id, ARGV[2] json, ARGV[3] max.
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        return 1
        """;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<TrustPolicyCreateResult> CreateAsync(TrustPolicy policy, int maxPerAccount, CancellationToken cancellationToken) =>
        Guard("create", async db =>
        {
            await db.StringSetAsync(IndexKey(policy.Id), policy.AccountId);
            await db.SetAddAsync(IssuerKey(policy.Issuer), Member(policy.AccountId, policy.Id));
            var result = (int)await db.ScriptEvaluateAsync(CreateScript,
                [layout.Account(policy.AccountId), PoliciesKey(policy.AccountId)],
                [policy.Id, TrustPolicySerializer.Serialize(policy), maxPerAccount.ToString(CultureInfo.InvariantCulture)]);
            if (result == 1)
            {
                return TrustPolicyCreateResult.Created;
            }

            await db.KeyDeleteAsync(IndexKey(policy.Id));
            await db.SetRemoveAsync(IssuerKey(policy.Issuer), Member(policy.AccountId, policy.Id));
            return result == 0 ? TrustPolicyCreateResult.LimitReached : TrustPolicyCreateResult.AccountNotFound;
        });

    /// <inheritdoc />
    public Task<TrustPolicy?> GetAsync(string policyId, CancellationToken cancellationToken) => Guard("get", async db =>
    {
        var accountId = await db.StringGetAsync(IndexKey(policyId));
        if (accountId.IsNullOrEmpty)
        {
            return null;
        }

        var json = await db.HashGetAsync(PoliciesKey(accountId.ToString()), policyId);
        return json.IsNullOrEmpty ? null : TrustPolicySerializer.Deserialize(json.ToString());
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<TrustPolicy>> ListByAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Guard("list-account", async db =>
        {
            var entries = await db.HashValuesAsync(PoliciesKey(accountId));
            return (IReadOnlyList<TrustPolicy>)entries.Select(e => TrustPolicySerializer.Deserialize(e.ToString()))
                .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<TrustPolicy>> ListByIssuerAsync(string issuer, CancellationToken cancellationToken) =>
        Guard("list-issuer", async db =>
        {
            var members = await db.SetMembersAsync(IssuerKey(issuer));
            var policies = new List<TrustPolicy>();
            foreach (var group in members.Select(m => m.ToString().Split('/', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]))
            {
                var ids = group.Select(p => (RedisValue)p[1]).ToArray();
                var values = await db.HashGetAsync(PoliciesKey(group.Key), ids);
                policies.AddRange(values.Where(v => !v.IsNullOrEmpty).Select(v => TrustPolicySerializer.Deserialize(v.ToString()))
                    .Where(p => string.Equals(p.Issuer, issuer, StringComparison.Ordinal)));
            }

            return (IReadOnlyList<TrustPolicy>)policies.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        });

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string accountId, string policyId, CancellationToken cancellationToken) => Guard("delete", async db =>
    {
        var json = await db.HashGetAsync(PoliciesKey(accountId), policyId);
        if (json.IsNullOrEmpty)
        {
            return false;
        }

        var policy = TrustPolicySerializer.Deserialize(json.ToString());
        var removed = await db.HashDeleteAsync(PoliciesKey(accountId), policyId);
        await db.KeyDeleteAsync(IndexKey(policyId));
        await db.SetRemoveAsync(IssuerKey(policy.Issuer), Member(accountId, policyId));
        return removed;
    });

    /// <inheritdoc />
    public Task<int> DeleteAccountAsync(string accountId, CancellationToken cancellationToken) => Guard("delete-account", async db =>
    {
        var entries = await db.HashValuesAsync(PoliciesKey(accountId));
        await db.KeyDeleteAsync(PoliciesKey(accountId));
        foreach (var policy in entries.Select(e => TrustPolicySerializer.Deserialize(e.ToString())))
        {
            await db.KeyDeleteAsync(IndexKey(policy.Id));
            await db.SetRemoveAsync(IssuerKey(policy.Issuer), Member(accountId, policy.Id));
        }

        return entries.Length;
    });

    private RedisKey PoliciesKey(string accountId) => $"{layout.Prefix}{{{accountId}}}:trust-policies";

    private RedisKey IndexKey(string policyId) => $"{layout.Prefix}trust-policy:{policyId}";

    private RedisKey IssuerKey(string issuer)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(issuer), hash);
        return $"{layout.Prefix}trust-issuer:{System.Buffers.Text.Base64Url.EncodeToString(hash[..16])}";
    }

    private static RedisValue Member(string accountId, string policyId) => accountId + "/" + policyId;

    private async Task<T> Guard<T>(string operation, Func<IDatabase, Task<T>> action)
    {
        try
        {
            return await action(redis.GetDatabase());
        }
        catch (Exception ex) when (RedisAccountStore.IsUnavailable(ex))
        {
            throw new StoreUnavailableException($"Redis did not answer (trust-policy {operation}): {ex.GetType().Name}.", ex);
        }
    }
}
