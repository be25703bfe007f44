using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.IdentityToken;

/// <summary>
/// This replica's view of the signing keys, loaded from the <see cref="IIdentityKeyStore"/> (created there on first
/// start), rotated through it with compare-and-set, and re-read when another replica announces a change or on the
/// refresh interval. Retired keys leave the in-memory set as soon as their removal time passes.
/// </summary>
public sealed partial class IdentityKeyRing(
    IIdentityKeyStore store,
    IdentityKeyDocument document,
    TimeProvider time,
    IOptions<IdentityTokenOptions> options,
    ILogger<IdentityKeyRing> logger)
{
    private const int MaxAttempts = 8;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IdentityKeySet? _set;
    private string? _storedText;

    /// <summary>
    /// How long a retired key stays published: a token lifetime (the last token it signed), plus a refresh interval (a
    /// replica that has not yet heard of the rotation still signs with it), plus a minute for clock skew.
    /// </summary>
    public TimeSpan Retention => options.Value.Lifetime + options.Value.RefreshInterval + TimeSpan.FromMinutes(1);

    /// <summary>The keys in force at <paramref name="now"/>; <c>null</c> until they could be loaded.</summary>
    public IdentityKeySet? Current(DateTimeOffset now)
    {
        var set = _set;
        if (set is null || now < set.NextRemovalAt)
        {
            return set;
        }

        var pruned = set.WithoutRemoved(now);
        _set = pruned;
        return pruned;
    }

    /// <summary>Reads the stored keys (creating them when there are none) and removes retired keys that are due.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var text = await store.ReadAsync(cancellationToken);
            if (text is null)
            {
                var initial = document.Write(IdentityKeySet.Initial(time.GetUtcNow()));
                text = await store.TryReplaceAsync(null, initial, cancellationToken) ? initial : await store.ReadAsync(cancellationToken);
                if (text == initial)
                {
                    LogCreated(logger);
                }
            }

            if (text is not null)
            {
                Apply(text);
                await RemoveDueAsync(text, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Rotates: the next key starts signing, the active key retires, a new next key is published. Retried on a
    /// concurrent change by another replica. Returns the new set.
    /// </summary>
    public async Task<IdentityKeySet> RotateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var now = time.GetUtcNow();
                var text = await store.ReadAsync(cancellationToken);
                var stored = text is null ? IdentityKeySet.Initial(now) : document.Read(text, _set);
                var rotated = stored.WithoutRemoved(now).Rotate(now, Retention);
                var replacement = document.Write(rotated);
                if (await store.TryReplaceAsync(text, replacement, cancellationToken))
                {
                    Apply(replacement);
                    LogRotated(logger, rotated.Active.Kid);
                    return _set!;
                }
            }

            throw new InvalidOperationException("The signing keys kept changing under a rotation; try again.");
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Apply(string text)
    {
        if (string.Equals(text, _storedText, StringComparison.Ordinal))
        {
            return;
        }

        var set = document.Read(text, _set);
        _set = set.WithoutRemoved(time.GetUtcNow());
        _storedText = text;
    }

    private async Task RemoveDueAsync(string text, CancellationToken cancellationToken)
    {
        var stored = document.Read(text, _set);
        var pruned = stored.WithoutRemoved(time.GetUtcNow());
        if (ReferenceEquals(pruned, stored))
        {
            return;
        }

        var replacement = document.Write(pruned);
        if (await store.TryReplaceAsync(text, replacement, cancellationToken))
        {
            Apply(replacement);
        }
    }

    [LoggerMessage(EventId = EventIds.IdentityToken.KeysCreated, Level = LogLevel.Information, Message = "Generated the identity-token signing keys (an active and a next key)")]
    private static partial void LogCreated(ILogger logger);

    [LoggerMessage(EventId = EventIds.IdentityToken.KeysRotated, Level = LogLevel.Information, Message = "Rotated the identity-token signing keys; active key {Kid}")]
    private static partial void LogRotated(ILogger logger, string kid);
}
