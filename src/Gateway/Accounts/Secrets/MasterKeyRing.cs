using Gateway.Accounts.Tokens;
using Microsoft.Extensions.Logging;

namespace Gateway.Accounts.Secrets;

/// <summary>
/// Builds the <see cref="SecretProtector"/> from <c>Gateway:Signing:MasterKeys</c>, or, when none are configured,
/// from <c>master.key</c> in the data directory (created with mode 0600 on first start, id <c>local</c>).
/// </summary>
public static partial class MasterKeyRing
{
    /// <summary>Id of the master key generated in the data directory.</summary>
    public const string LocalKeyId = "local";

    /// <summary>File name of the generated master key.</summary>
    public const string LocalKeyFileName = "master.key";

    /// <summary>The protector for the configured (or generated) ring.</summary>
    public static SecretProtector Create(MasterKeyRingOptions options, string dataDirectory, ILogger logger)
    {
        if (options.MasterKeys.Count > 0)
        {
            var ring = options.MasterKeys.Select(k => new MasterKey(k.Id, Convert.FromBase64String(k.Key))).ToArray();
            return new SecretProtector(ring, options.ActiveMasterKey is { Length: > 0 } active ? active : ring[^1].Id);
        }

        var path = Path.Combine(dataDirectory, LocalKeyFileName);
        var key = KeyMaterialFile.LoadOrCreate(path, 32, out var created);
        if (created)
        {
            LogCreated(logger, path);
        }

        return new SecretProtector([new MasterKey(LocalKeyId, key[..32])], LocalKeyId);
    }

    [LoggerMessage(EventId = EventIds.Accounts.MasterKeyRingGenerated, Level = LogLevel.Warning,
        Message = "No Gateway:Signing:MasterKeys configured; generated {Path} (mode 0600) to encrypt HMAC secrets. Back it up: HMAC keys cannot be used without it.")]
    private static partial void LogCreated(ILogger logger, string path);
}
