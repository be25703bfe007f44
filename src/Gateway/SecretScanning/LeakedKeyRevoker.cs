using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.Audit;
using Microsoft.Extensions.Logging;

namespace Gateway.SecretScanning;

/// <summary>
/// Decides each reported token and revokes the real ones: shape and CRC-32 checksum (no store call for junk), key
/// lookup in the store (not the cache), secret proof (the token's keyed hash must match the stored one), then the
/// normal revoke path (<see cref="AccountService.RevokeKeyAsync"/>: committed, then invalidated on every replica) and a
/// <c>key.leaked</c> audit event with the report's <c>url</c> and <c>source</c> — never the token. A key that is
/// already revoked is a true positive and nothing changes, which is also what makes a replayed report harmless.
/// </summary>
public sealed partial class LeakedKeyRevoker(
    IAccountStore store, SecretHasher hasher, AccountService accounts, AuditWriter audit, SecretScanningMetrics metrics,
    TimeProvider time, ILogger<LeakedKeyRevoker> logger)
{
    /// <summary>The answer for every item, in order.</summary>
    public async Task<IReadOnlyList<LeakFeedback>> ProcessAsync(IReadOnlyList<LeakReportItem> items, CancellationToken cancellationToken)
    {
        var decided = new Dictionary<string, string>(StringComparer.Ordinal);
        var feedback = new List<LeakFeedback>(items.Count);
        foreach (var item in items)
        {
            var token = item.Token ?? "";
            if (!decided.TryGetValue(token, out var label))
            {
                label = await DecideAsync(token, item, cancellationToken);
                decided[token] = label;
            }

            feedback.Add(new LeakFeedback(token, item.Type ?? "", label));
        }

        return feedback;
    }

    private async Task<string> DecideAsync(string token, LeakReportItem item, CancellationToken cancellationToken)
    {
        if (!BearerToken.TryParse(token, out var keyId)
            || await store.FindCredentialAsync(keyId, cancellationToken) is not { } credential
            || credential.Key.Kind != KeyKind.Bearer
            || !hasher.Verify(token, credential.Key.SecretHash))
        {
            metrics.Tokens.WithLabels("false_positive").Inc();
            return LeakFeedback.FalsePositive;
        }

        var key = credential.Key;
        if (key.StatusAt(time.GetUtcNow()) == KeyStatus.Revoked)
        {
            metrics.Tokens.WithLabels("already_revoked").Inc();
            return LeakFeedback.TruePositive;
        }

        await accounts.RevokeKeyAsync(key.AccountId, key.Id, cancellationToken);
        metrics.Tokens.WithLabels("revoked").Inc();
        LogLeakedKeyRevoked(logger, key.Id, key.AccountId, Clean(item.Source, 64));
        try
        {
            await audit.WriteAdminAsync(AuditEventFactory.System(time, AuditActions.KeyLeaked, key.Id, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [AuditKinds.AccountDetail] = key.AccountId,
                ["reporter"] = "github",
                ["url"] = Clean(item.Url, 2048),
                ["source"] = Clean(item.Source, 64),
                ["type"] = Clean(item.Type, 64),
            }), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The key is revoked; only the event is missing, and the log says which key.
            LogAuditFailed(logger, ex, key.Id);
        }

        return LeakFeedback.TruePositive;
    }

    /// <summary>Report text for the audit trail: bounded, without control characters.</summary>
    private static string Clean(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return new string(value.Where(c => !char.IsControl(c)).Take(max).ToArray());
    }

    [LoggerMessage(EventId = EventIds.SecretScanning.LeakedKeyRevoked, Level = LogLevel.Warning,
        Message = "Key {KeyId} of account {AccountId} revoked: GitHub secret scanning reported it leaked ({Source})")]
    private static partial void LogLeakedKeyRevoked(ILogger logger, string keyId, string accountId, string source);

    [LoggerMessage(EventId = EventIds.SecretScanning.LeakedKeyAuditFailed, Level = LogLevel.Error,
        Message = "Leaked key {KeyId} was revoked, but its key.leaked audit event could not be written")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string keyId);
}
