using StackExchange.Redis;

namespace Gateway.Accounts.Redis;

/// <summary>
/// Scheduled revocations (renewal with a grace period). The due time lives in the key's hash (<c>revokes</c>), which
/// authentication reads, so a key stops working at that instant on every replica whatever the scheduler does; the
/// <see cref="RedisKeyLayout.ScheduledRevocations"/> sorted set only tells the scheduler what to look at. It is
/// written before the key's hash and again after (an earlier schedule may stand), and an entry whose key has nothing
/// to do any more is dropped, so a crash between the two writes leaves at most a stale entry.
/// </summary>
public sealed partial class RedisAccountStore
{
    /// <inheritdoc />
    public Task<bool> ReplaceKeyLaterAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokesAt, CancellationToken cancellationToken) =>
        Guard("replace-key-later", async db =>
        {
            if (!await IndexReplacementAsync(db, oldKeyId, newKey))
            {
                return false;
            }

            var accountId = newKey.AccountId;
            var dueMs = revokesAt.ToUnixTimeMilliseconds();
            await db.SortedSetAddAsync(Keys.ScheduledRevocations, oldKeyId, dueMs, SortedSetWhen.LessThan);
            var values = new List<RedisValue> { dueMs, Score(newKey.CreatedAt), newKey.Id };
            values.AddRange(RedisRecords.KeyFields(newKey));
            var result = (long)await db.ScriptEvaluateAsync(RedisRevocationScripts.ReplaceKeyLater,
                [Keys.Account(accountId), Keys.AccountKeys(accountId), Keys.Key(accountId, oldKeyId), Keys.Key(accountId, newKey.Id)],
                values.ToArray());
            if (result > 0)
            {
                await db.SortedSetAddAsync(Keys.ScheduledRevocations, oldKeyId, result);
                return true;
            }

            // Nothing was scheduled: the old key is gone or revoked, so it needs no schedule entry either.
            await db.SortedSetRemoveAsync(Keys.ScheduledRevocations, oldKeyId);
            await db.KeyDeleteAsync(Keys.KeyIndex(newKey.Id));
            return result == -1 ? throw new InvalidOperationException($"No service account '{accountId}'.") : false;
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListDueRevocationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Guard<IReadOnlyList<string>>("list-due-revocations", async db =>
            (await db.SortedSetRangeByScoreAsync(Keys.ScheduledRevocations, double.NegativeInfinity, now.ToUnixTimeMilliseconds(),
                take: limit)).Select(id => (string)id!).ToArray());

    /// <inheritdoc />
    public Task<ApiKey?> CompleteScheduledRevocationAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Guard("complete-scheduled-revocation", async db =>
        {
            var accountId = await db.StringGetAsync(Keys.KeyIndex(keyId));
            if (accountId.IsNull)
            {
                await db.SortedSetRemoveAsync(Keys.ScheduledRevocations, keyId);
                return null;
            }

            var keyHash = Keys.Key(accountId!, keyId);
            var reply = (RedisResult[])(await db.ScriptEvaluateAsync(RedisRevocationScripts.CompleteScheduledRevocation,
                [keyHash], [now.ToUnixTimeMilliseconds()]))!;
            switch ((int)reply[0])
            {
                case 1:
                    await db.SortedSetRemoveAsync(Keys.ScheduledRevocations, keyId);
                    return RedisRecords.ReadKey(await db.HashGetAllAsync(keyHash));
                case -1:
                    await db.SortedSetAddAsync(Keys.ScheduledRevocations, keyId, (long)reply[1]);
                    return null;
                default:
                    await db.SortedSetRemoveAsync(Keys.ScheduledRevocations, keyId);
                    return null;
            }
        });
}
