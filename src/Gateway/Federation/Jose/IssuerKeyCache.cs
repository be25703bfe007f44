using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Federation.Jose;

/// <summary>
/// The key sets of the allowlisted issuers, fetched by OIDC discovery (<c>{issuer}/.well-known/openid-configuration</c>
/// → <c>jwks_uri</c>) with a timeout and a size bound, cached for <see cref="FederationOptions.KeySetLifetime"/>,
/// and fetched again early when a token names an unknown <c>kid</c> — at most once per
/// <see cref="FederationOptions.KeySetRefreshInterval"/> per issuer. One fetch per issuer at a time. When a refresh
/// fails, the previous set keeps serving; with no set at all, <see cref="IssuerUnavailableException"/> (and for
/// <see cref="FailureBackoff"/> after a failure, at once, without another fetch).
/// </summary>
public sealed partial class IssuerKeyCache : IDisposable
{
    /// <summary>After a failed fetch with nothing cached, how long further callers fail at once: 1 second.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly FederationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IssuerKeyCache> _logger;
    private readonly ConcurrentDictionary<string, IssuerState> _issuers = new(StringComparer.Ordinal);

    /// <summary>Creates the cache; <paramref name="handler"/> replaces the HTTP handler (tests).</summary>
    public IssuerKeyCache(IOptions<FederationOptions> options, TimeProvider time, ILogger<IssuerKeyCache> logger, HttpMessageHandler? handler = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = _options.HttpTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = _options.HttpTimeout,
            MaxResponseContentBufferSize = FederationDefaults.MaxDocumentBytes,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>
    /// The key of <paramref name="issuer"/> that verifies (<paramref name="keyId"/>, <paramref name="algorithm"/>),
    /// or <c>null</c> when the issuer has none (after a refresh if one is allowed now).
    /// </summary>
    public async Task<JsonWebKey?> FindAsync(string issuer, string? keyId, string algorithm, CancellationToken cancellationToken)
    {
        var state = _issuers.GetOrAdd(issuer, _ => new IssuerState());
        var now = _time.GetTimestamp();
        var current = state.Keys;
        if (current is not null && _time.GetElapsedTime(state.FetchedAt, now) < _options.KeySetLifetime)
        {
            if (current.Find(keyId, algorithm) is { } key)
            {
                return key;
            }

            if (state.LastAttemptAt != 0 && _time.GetElapsedTime(state.LastAttemptAt, now) < _options.KeySetRefreshInterval)
            {
                return null;
            }
        }

        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller refreshed while this one waited: its answer stands, no second fetch.
            if (state.Keys is { } refreshed && !ReferenceEquals(refreshed, current))
            {
                return refreshed.Find(keyId, algorithm);
            }

            // The issuer failed moments ago and nothing is cached: callers queued behind that fetch fail fast
            // instead of each waiting out another timeout.
            if (state.Keys is null && state.FailedAt != 0 && _time.GetElapsedTime(state.FailedAt) < FailureBackoff)
            {
                throw new IssuerUnavailableException($"The key set of {issuer} could not be fetched moments ago.");
            }

            state.LastAttemptAt = _time.GetTimestamp();
            try
            {
                state.Keys = await FetchAsync(issuer, cancellationToken);
                state.FetchedAt = _time.GetTimestamp();
            }
            catch (IssuerUnavailableException ex)
            {
                state.FailedAt = _time.GetTimestamp();
                LogRefreshFailed(_logger, issuer, ex.Message);
                if (state.Keys is null)
                {
                    throw;
                }

                return state.Keys.Find(keyId, algorithm);
            }

            return state.Keys.Find(keyId, algorithm);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<JsonWebKeySet> FetchAsync(string issuer, CancellationToken cancellationToken)
    {
        var discovery = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        string jwksUri;
        using (var document = await GetJsonAsync(discovery, cancellationToken))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("issuer", out var declared) || declared.ValueKind != JsonValueKind.String
                || !string.Equals(declared.GetString(), issuer, StringComparison.Ordinal))
            {
                throw new IssuerUnavailableException($"The discovery document of {issuer} does not name that issuer.");
            }

            if (!root.TryGetProperty("jwks_uri", out var uri) || uri.ValueKind != JsonValueKind.String
                || IssuerUrl.Check(uri.GetString(), _options.AllowHttpLoopbackIssuers) is not null)
            {
                throw new IssuerUnavailableException($"The discovery document of {issuer} has no acceptable jwks_uri.");
            }

            jwksUri = uri.GetString()!;
        }

        var bytes = await GetBytesAsync(jwksUri, cancellationToken);
        try
        {
            var set = JsonWebKeySet.Parse(bytes);
            LogKeySetFetched(_logger, issuer, set.Keys.Count);
            return set;
        }
        catch (JsonException ex)
        {
            throw new IssuerUnavailableException($"The key set of {issuer} is not a JWKS.", ex);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        var bytes = await GetBytesAsync(url, cancellationToken);
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new IssuerUnavailableException($"{url} did not answer JSON.", ex);
        }
    }

    private async Task<byte[]> GetBytesAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new IssuerUnavailableException($"{url} answered {(int)response.StatusCode}.");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new IssuerUnavailableException($"{url} could not be fetched: {ex.GetType().Name}.", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed class IssuerState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public JsonWebKeySet? Keys { get; set; }

        public long FetchedAt { get; set; }

        public long LastAttemptAt { get; set; }

        public long FailedAt { get; set; }
    }

    [LoggerMessage(EventId = EventIds.Federation.IssuerKeySetFetched, Level = LogLevel.Information, Message = "Fetched the key set of issuer {Issuer}: {Count} usable keys")]
    private static partial void LogKeySetFetched(ILogger logger, string issuer, int count);

    [LoggerMessage(EventId = EventIds.Federation.IssuerKeySetRefreshFailed, Level = LogLevel.Warning, Message = "Could not fetch the key set of issuer {Issuer} (a cached set, if any, stays in use): {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string issuer, string reason);
}
