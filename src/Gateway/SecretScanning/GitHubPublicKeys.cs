using System.Collections.Frozen;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.SecretScanning;

/// <summary>
/// The keys GitHub signs secret-scanning reports with: the configured ones, plus those fetched from
/// <see cref="SecretScanningOptions.PublicKeysUrl"/> (cached for <see cref="SecretScanningOptions.KeysCacheLifetime"/>,
/// fetched again at once for an unknown identifier but at most every <see cref="SecretScanningOptions.MinRefreshInterval"/>,
/// one fetch at a time, each within <see cref="SecretScanningOptions.FetchTimeout"/>). Keys that are not ECDSA P-256 are
/// ignored. A failed fetch keeps the keys known so far.
/// </summary>
public sealed partial class GitHubPublicKeys : IDisposable
{
    private const int MaxDocumentBytes = 256 * 1024;

    private readonly SecretScanningOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GitHubPublicKeys> _logger;
    private readonly HttpClient _http;
    private readonly FrozenDictionary<string, ECDsa> _configured;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private FrozenDictionary<string, ECDsa> _fetched = FrozenDictionary<string, ECDsa>.Empty;
    private long _fetchedAtMs = long.MinValue / 2;
    private long _lastAttemptMs = long.MinValue / 2;

    /// <summary>Creates the key set from the options.</summary>
    public GitHubPublicKeys(IOptions<SecretScanningOptions> options, TimeProvider time, ILogger<GitHubPublicKeys> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
        {
            Timeout = _options.FetchTimeout,
            MaxResponseContentBufferSize = MaxDocumentBytes,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("gateway-secret-scanning/1");
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _configured = _options.PublicKeys
            .Select(k => (k.KeyIdentifier, Key: SigningKeys.TryImport(k.Key)))
            .Where(k => k.Key is not null)
            .ToFrozenDictionary(k => k.KeyIdentifier, k => k.Key!, StringComparer.Ordinal);
    }

    /// <summary>The key with this identifier, fetching the key document when needed; <c>null</c> when it is unknown.</summary>
    public async Task<ECDsa?> FindAsync(string keyIdentifier, CancellationToken cancellationToken)
    {
        if (_configured.TryGetValue(keyIdentifier, out var configured))
        {
            return configured;
        }

        if (string.IsNullOrEmpty(_options.PublicKeysUrl))
        {
            return null;
        }

        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var fresh = nowMs - Volatile.Read(ref _fetchedAtMs) < (long)_options.KeysCacheLifetime.TotalMilliseconds;
        if (fresh && _fetched.TryGetValue(keyIdentifier, out var known))
        {
            return known;
        }

        // Stale cache, or an identifier we have not seen: fetch, unless the last attempt was too recent.
        if (nowMs - Volatile.Read(ref _lastAttemptMs) >= (long)_options.MinRefreshInterval.TotalMilliseconds || !fresh)
        {
            await RefreshAsync(cancellationToken);
        }

        return _fetched.GetValueOrDefault(keyIdentifier);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var lastSeen = Volatile.Read(ref _lastAttemptMs);
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _lastAttemptMs) != lastSeen)
            {
                return; // Another caller fetched while this one waited.
            }

            Volatile.Write(ref _lastAttemptMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.FetchTimeout);
            using var response = await _http.GetAsync(_options.PublicKeysUrl, timeout.Token);
            response.EnsureSuccessStatusCode();
            var document = await response.Content.ReadFromJsonAsync<KeyDocument>(timeout.Token)
                ?? throw new InvalidDataException("The key document is empty.");
            var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
            foreach (var entry in document.PublicKeys ?? [])
            {
                if (entry.KeyIdentifier is { Length: > 0 and <= 512 } id && SigningKeys.TryImport(entry.Key) is { } key)
                {
                    keys[id] = key;
                }
            }

            _fetched = keys.ToFrozenDictionary(StringComparer.Ordinal);
            Volatile.Write(ref _fetchedAtMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
            LogFetched(_logger, keys.Count);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidDataException or NotSupportedException
                                   && !cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(_logger, ex, ex.GetType().Name);
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _fetching.Dispose();
    }

    [LoggerMessage(EventId = EventIds.SecretScanning.PublicKeysFetched, Level = LogLevel.Information, Message = "Fetched {Count} secret-scanning signing keys")]
    private static partial void LogFetched(ILogger logger, int count);

    [LoggerMessage(EventId = EventIds.SecretScanning.PublicKeysFetchFailed, Level = LogLevel.Warning,
        Message = "Could not fetch the secret-scanning signing keys ({Reason}); keeping the keys known so far")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string reason);

    private sealed record KeyDocument([property: JsonPropertyName("public_keys")] List<KeyEntry>? PublicKeys);

    private sealed record KeyEntry(
        [property: JsonPropertyName("key_identifier")] string? KeyIdentifier,
        [property: JsonPropertyName("key")] string? Key,
        [property: JsonPropertyName("is_current")] bool IsCurrent);
}
