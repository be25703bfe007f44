using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Audit;
using Microsoft.Extensions.Logging;

namespace Gateway.KeyRotation;

/// <summary>
/// Turns the revocations scheduled by renewals with a grace period into real ones. Every replica runs it; the store's
/// conditional write (<see cref="IAccountStore.CompleteScheduledRevocationAsync"/>: a Lua script in Redis, a
/// conditional UPDATE in SQLite) lets exactly one of them make each transition, and only that one publishes the cache
/// invalidation and writes the <c>key.revoked</c> audit event (reason <c>grace</c>, actor <c>system</c>). Nothing is
/// kept in memory: the schedule is in the store, so a restart — or another replica — picks it up. Authentication does
/// not wait for this: a key whose <see cref="ApiKey.RevokesAt"/> has passed is refused already.
/// </summary>
public sealed partial class ScheduledRevocations(
    IAccountStore store,
    IInvalidationPublisher invalidations,
    Func<AuditEvent, CancellationToken, Task> writeAudit,
    TimeProvider time,
    ILogger<ScheduledRevocations> logger)
{
    /// <summary>How many due keys one store query returns.</summary>
    public const int Batch = 100;

    /// <summary>Most batches one sweep handles; the rest waits for the next sweep.</summary>
    public const int MaxBatchesPerSweep = 50;

    /// <summary>The <c>reason</c> detail of a revocation that ended a renewal's grace period.</summary>
    public const string GraceReason = "grace";

    /// <summary>Carries out every revocation due now; returns how many transitions this caller made.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var made = 0;
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var due = await store.ListDueRevocationsAsync(now, Batch, cancellationToken);
            foreach (var keyId in due)
            {
                if (await store.CompleteScheduledRevocationAsync(keyId, now, cancellationToken) is { } revoked)
                {
                    made++;
                    await invalidations.PublishAsync(CacheInvalidation.Key(keyId), CancellationToken.None);
                    await AuditAsync(revoked, cancellationToken);
                }
            }

            if (due.Count < Batch)
            {
                break;
            }
        }

        return made;
    }

    private async Task AuditAsync(ApiKey key, CancellationToken cancellationToken)
    {
        LogScheduledRevocation(logger, key.Id, key.AccountId);
        var auditEvent = AuditEventFactory.System(time, AuditActions.KeyRevoked, key.Id, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AuditKinds.AccountDetail] = key.AccountId,
            ["reason"] = GraceReason,
            ["revokedAt"] = (key.RevokedAt ?? key.RevokesAt)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });
        try
        {
            await writeAudit(auditEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The revocation stands (it is in the store); only its audit event is lost, and the log says so.
            LogAuditFailed(logger, ex, key.Id);
        }
    }

    [LoggerMessage(EventId = EventIds.KeyRotation.ScheduledRevocation, Level = LogLevel.Information,
        Message = "Key {KeyId} of account {AccountId} revoked: its renewal's grace period ended")]
    private static partial void LogScheduledRevocation(ILogger logger, string keyId, string accountId);

    [LoggerMessage(EventId = EventIds.KeyRotation.ScheduledRevocationAuditFailed, Level = LogLevel.Error,
        Message = "Key {KeyId} was revoked at the end of its grace period, but its audit event could not be written")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string keyId);
}
