using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Gateway.AdminConsole;

/// <summary>
/// The console's sessions, in memory: opaque 256-bit random ids, idle and absolute timeouts, destroyed on sign-out.
/// Nothing is persisted, so a restart signs everyone out and each replica has its own sessions.
/// </summary>
public sealed class ConsoleSessionStore(IOptions<ConsoleOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConsoleOptions _options = options.Value;

    /// <summary>Starts a session holding <paramref name="apiKey"/>.</summary>
    public ConsoleSession Create(string apiKey)
    {
        Sweep();
        var session = new ConsoleSession(Base64Url(RandomNumberGenerator.GetBytes(32)), apiKey, time.GetUtcNow());
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The live session with <paramref name="id"/>, touched; <c>null</c> (and removed) when unknown or timed out.</summary>
    public ConsoleSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (Expired(session, now))
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        session.LastSeenAt = now;
        return session;
    }

    /// <summary>Destroys the session (sign-out).</summary>
    public void Remove(string id) => _sessions.TryRemove(id, out _);

    private bool Expired(ConsoleSession session, DateTimeOffset now) =>
        now - session.LastSeenAt >= _options.IdleTimeout || now - session.CreatedAt >= _options.AbsoluteTimeout;

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
        {
            if (Expired(session, now))
            {
                _sessions.TryRemove(id, out _);
            }
        }

        while (_sessions.Count >= _options.MaxSessions
            && _sessions.Values.OrderBy(s => s.LastSeenAt).FirstOrDefault() is { } oldest)
        {
            _sessions.TryRemove(oldest.Id, out _);
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
