using Gateway.Configuration;
using Microsoft.Extensions.Logging;

namespace Gateway.Accounts.Tokens;

/// <summary>
/// Builds the <see cref="SecretHasher"/> from <c>Gateway:Keys:HashKey</c>, or, when unset, from
/// <c>token-hash.key</c> in the data directory (created with mode 0600 on first start).
/// </summary>
public static partial class HashKeyLoader
{
    /// <summary>File name of the generated hash key.</summary>
    public const string KeyFileName = "token-hash.key";

    /// <summary>The hasher for the configured (or generated) key.</summary>
    public static SecretHasher Create(KeysOptions options, GatewayDataDirectory dataDirectory, ILogger logger)
    {
        if (options.HashKey is { Length: > 0 } configured)
        {
            return new SecretHasher(Convert.FromBase64String(configured));
        }

        var path = dataDirectory.File(KeyFileName);
        var key = KeyMaterialFile.LoadOrCreate(path, 32, out var created);
        if (created)
        {
            LogKeyFileCreated(logger, path);
        }

        return new SecretHasher(key);
    }

    [LoggerMessage(EventId = EventIds.Accounts.HashKeyGenerated, Level = LogLevel.Warning,
        Message = "No Gateway:Keys:HashKey configured; generated {Path} (mode 0600). Back it up: bearer keys cannot be verified without it.")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);
}
