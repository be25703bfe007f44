using Gateway.Accounts.Tokens;

namespace Gateway.IdentityToken;

/// <summary>
/// The signing keys in <c>identity-token-keys.json</c> in the data directory (mode 0600, private keys sealed),
/// replaced atomically (a new 0600 file renamed over the old one).
/// </summary>
public sealed class FileIdentityKeyStore(string path) : IIdentityKeyStore
{
    /// <summary>File name in the data directory.</summary>
    public const string FileName = "identity-token-keys.json";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task<string?> ReadAsync(CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(string? expected, string document, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var current = await ReadAsync(cancellationToken);
            if (!string.Equals(current, expected, StringComparison.Ordinal))
            {
                return false;
            }

            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            SecretFile.WriteNew(temporary, document);
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task SubscribeAsync(Action changed) => Task.CompletedTask;
}
