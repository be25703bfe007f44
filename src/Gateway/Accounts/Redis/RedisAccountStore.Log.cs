using Microsoft.Extensions.Logging;

namespace Gateway.Accounts.Redis;

/// <summary>Log messages of the Redis store; they name account ids, never key material.</summary>
public sealed partial class RedisAccountStore
{
    [LoggerMessage(EventId = EventIds.Accounts.RedisIndexCleanupFailed, Level = LogLevel.Warning,
        Message = "Could not remove the index entries of account {AccountId}; readers ignore them, the name is freed after the grace period")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = EventIds.Accounts.RedisPostCommitCheckFailed, Level = LogLevel.Warning,
        Message = "Account {AccountId} was created, but its name reservation could not be re-checked")]
    private static partial void LogPostCommitCheckFailed(ILogger logger, Exception exception, string accountId);
}
