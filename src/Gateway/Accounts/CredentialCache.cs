using System.Collections.Concurrent;
using Gateway.Errors;

namespace Gateway.Accounts;

/// <summary>
/// The default <see cref="ICredentialCache"/>: found credentials for <see cref="CredentialCacheOptions.EntryLifetime"/>
/// (default 60 s), unknown key ids for <see cref="CredentialCacheOptions.NegativeLifetime"/> (default 60 s), each
/// bounded in size (default 100,000). Concurrent misses for one key share one store lookup. A lookup that raced
/// with an invalidation is returned but not cached, so a revoked key is never re-cached from a stale read.
/// While the store is unreachable, cached credentials are served for at most <c>maxStaleness</c> from the moment it
/// became unreachable; after that, and for keys not cached, <see cref="StoreUnavailableException"/> is thrown.
/// Each entry's lifetime is drawn in [lifetime × (1 − <see cref="ExpirySpread"/>), lifetime], so entries loaded
/// together (a cold start, a deploy, a burst) do not all expire, and go back to the store, at the same instant.
/// The cached keys of one account share one account object when the store read the same account; a full cache
/// sweeps in the background (never on the request that found it full), visiting only the entries that expired.
/// Under <see cref="CredentialCacheAdmission.SecondSighting"/> an answer is cached only when its key id missed
/// recently (<see cref="CredentialCacheDoorkeeper"/>), found and unknown ids alike; under
/// <see cref="CredentialCacheAdmission.Adaptive"/> (the default) only once the cache holds
/// <see cref="AdmitAllShare"/> of <see cref="CredentialCacheOptions.MaxEntries"/> found credentials.
/// </summary>
public sealed class CredentialCache : ICredentialCache
{
    /// <summary>
    /// The fraction by which an entry's lifetime is shortened at random (uniformly in [0, this]), found and unknown
    /// entries alike: spreads the expiry of entries loaded together, never beyond the configured lifetime.
    /// </summary>
    public const double ExpirySpread = 0.2;

    /// <summary>
    /// Under <see cref="CredentialCacheAdmission.Adaptive"/>: the share of <see cref="CredentialCacheOptions.MaxEntries"/>
    /// below which every store answer is cached (25,000 found credentials at the default 100,000).
    /// </summary>
    public const double AdmitAllShare = 0.25;

    private const long NotSet = long.MinValue;

    private readonly IAccountStore _store;
    private readonly CredentialCacheOptions _options;
    private readonly TimeSpan _maxStaleness;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _found = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _unknown = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _foundBySpan;
    private readonly ConcurrentDictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _unknownBySpan;
    private readonly ConcurrentDictionary<string, Task<Credential?>> _loads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SharedAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, ConcurrentQueue<KeyValuePair<string, long>>> _expiring = new();
    private readonly Lifetime _entryLifetime;
    private readonly Lifetime _negativeLifetime;
    private readonly Lock _sweepLock = new();
    private readonly int _admitAllBelow;
    private CredentialCacheDoorkeeper? _doorkeeper;
    private int _foundCount;
    private int _unknownCount;
    private long _generation;
    private long _connectionLostAt = NotSet;
    private long _failingSince = NotSet;
    private long _lastSweepAt = NotSet;
    private int _sweepScheduled;
    private Task _scheduledSweep = Task.CompletedTask;
    private long _hits;
    private long _misses;
    private long _evictedInvalidated;
    private long _evictedExpired;
    private long _sweeps;
    private long _notAdmitted;

    /// <summary>Creates an empty cache in front of <paramref name="store"/>.</summary>
    public CredentialCache(IAccountStore store, CredentialCacheOptions options, TimeSpan maxStaleness, TimeProvider time)
    {
        _store = store;
        _options = options;
        _maxStaleness = maxStaleness;
        _time = time;
        _entryLifetime = new Lifetime(options.EntryLifetime, time.TimestampFrequency);
        _negativeLifetime = new Lifetime(options.NegativeLifetime, time.TimestampFrequency);
        _foundBySpan = _found.GetAlternateLookup<ReadOnlySpan<char>>();
        _unknownBySpan = _unknown.GetAlternateLookup<ReadOnlySpan<char>>();
        _admitAllBelow = AdmitAllBelow(options);
    }

    /// <summary>
    /// Found credentials below which every store answer is cached without asking the doorkeeper: all of them under
    /// <see cref="CredentialCacheAdmission.Always"/>, none under <see cref="CredentialCacheAdmission.SecondSighting"/>,
    /// <see cref="AdmitAllShare"/> of <see cref="CredentialCacheOptions.MaxEntries"/> (at least 1) under
    /// <see cref="CredentialCacheAdmission.Adaptive"/>.
    /// </summary>
    internal static int AdmitAllBelow(CredentialCacheOptions options) => options.Admission switch
    {
        CredentialCacheAdmission.Always => int.MaxValue,
        CredentialCacheAdmission.SecondSighting => 0,
        _ => Math.Max((int)(options.MaxEntries * AdmitAllShare), 1),
    };

    /// <summary>Number of found credentials held.</summary>
    public int Count => Volatile.Read(ref _foundCount);

    /// <summary>Number of unknown key ids held.</summary>
    public int UnknownCount => Volatile.Read(ref _unknownCount);

    /// <summary>Lookups answered from the cache (fresh, or stale during an outage).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that went to the store.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Entries dropped because a change invalidated them (or the cache was cleared).</summary>
    public long EvictedInvalidated => Interlocked.Read(ref _evictedInvalidated);

    /// <summary>Entries dropped because their lifetime ran out.</summary>
    public long EvictedExpired => Interlocked.Read(ref _evictedExpired);

    /// <summary>
    /// Store answers served but not cached because their key id had not missed recently
    /// (<see cref="CredentialCacheAdmission.SecondSighting"/>, or <see cref="CredentialCacheAdmission.Adaptive"/> once
    /// the cache is filled to its threshold).
    /// </summary>
    public long NotAdmitted => Interlocked.Read(ref _notAdmitted);

    /// <summary>
    /// The admission filter: <c>null</c> until an answer is first admitted through it (never under
    /// <see cref="CredentialCacheAdmission.Always"/>), so a replica that never needs it does not hold its table.
    /// </summary>
    internal CredentialCacheDoorkeeper? Doorkeeper => Volatile.Read(ref _doorkeeper);

    /// <summary>Account objects held for the cached keys to share (see <see cref="WithSharedAccount"/>).</summary>
    internal int SharedAccounts => _accounts.Count;

    /// <summary>Sweeps run (periodic and scheduled by a full cache).</summary>
    internal long Sweeps => Interlocked.Read(ref _sweeps);

    /// <summary><c>true</c> while the store is considered unreachable.</summary>
    public bool Unreachable => UnreachableSince() != NotSet;

    /// <inheritdoc />
    public ValueTask<Credential?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        _found.TryGetValue(keyId, out var entry);
        if (TryServe(entry, keyId, out var credential))
        {
            return ValueTask.FromResult(credential);
        }

        Interlocked.Increment(ref _misses);
        return LoadAsync(keyId, entry, cancellationToken);
    }

    /// <inheritdoc />
    public bool TryFindCached(ReadOnlySpan<char> keyId, out Credential? credential)
    {
        _foundBySpan.TryGetValue(keyId, out var entry);
        return TryServe(entry, keyId, out credential);
    }

    // A servable entry (found, or known unknown) answers without the store, counted as a hit.
    private bool TryServe(Entry? entry, ReadOnlySpan<char> keyId, out Credential? credential)
    {
        var now = _time.GetTimestamp();
        credential = null;
        if (entry is not null)
        {
            var unreachableSince = UnreachableSince();
            var servable = unreachableSince == NotSet
                ? now < entry.ExpiresAt
                : _time.GetElapsedTime(unreachableSince, now) < _maxStaleness;
            if (!servable)
            {
                return false;
            }

            credential = entry.Credential;
        }
        else if (!_unknownBySpan.TryGetValue(keyId, out var expiresAt) || now >= expiresAt)
        {
            return false;
        }

        Interlocked.Increment(ref _hits);
        return true;
    }

    /// <inheritdoc />
    public void InvalidateKey(string keyId)
    {
        Interlocked.Increment(ref _generation);
        _loads.TryRemove(keyId, out _);
        RemoveFound(keyId);
        RemoveUnknown(keyId);
    }

    /// <inheritdoc />
    public void InvalidateAccount(string accountId)
    {
        Interlocked.Increment(ref _generation);
        _loads.Clear();
        _accounts.TryRemove(accountId, out _);
        foreach (var (keyId, entry) in _found)
        {
            if (entry.Credential.Account.Id == accountId && _found.TryRemove(new KeyValuePair<string, Entry>(keyId, entry)))
            {
                Interlocked.Decrement(ref _foundCount);
                Interlocked.Increment(ref _evictedInvalidated);
            }
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _loads.Clear();
        _accounts.Clear();
        _expiring.Clear();
        foreach (var keyId in _found.Keys)
        {
            RemoveFound(keyId);
        }

        foreach (var keyId in _unknown.Keys)
        {
            RemoveUnknown(keyId);
        }
    }

    /// <inheritdoc />
    public void ConnectionLost() => Interlocked.CompareExchange(ref _connectionLostAt, _time.GetTimestamp(), NotSet);

    /// <inheritdoc />
    public void ConnectionRestored()
    {
        Clear();
        Interlocked.Exchange(ref _connectionLostAt, NotSet);
        Interlocked.Exchange(ref _failingSince, NotSet);
    }

    /// <inheritdoc />
    public void Sweep() => Sweep(scanAll: true);

    /// <summary>
    /// Drops expired entries. The periodic sweep (<paramref name="scanAll"/>) visits every entry, and lets go of the
    /// shared accounts no cached key holds. The sweep a full cache schedules visits only the found entries whose
    /// expiry second has passed (<see cref="_expiring"/>: the entries cached, per second of expiry), so its work is
    /// the entries it drops, not the cache's size. An entry that missed its bucket (added to one being drained) is
    /// dropped by the next periodic sweep.
    /// </summary>
    private void Sweep(bool scanAll)
    {
        lock (_sweepLock)
        {
            var now = _time.GetTimestamp();
            Interlocked.Exchange(ref _lastSweepAt, now);
            Interlocked.Increment(ref _sweeps);
            // While the store is unreachable, expired entries are what the staleness grace serves: keep them.
            var reachable = UnreachableSince() == NotSet;
            if (reachable)
            {
                DrainExpiredSeconds(now);
            }

            if (scanAll && reachable)
            {
                var sweep = Interlocked.Read(ref _sweeps);
                foreach (var (keyId, entry) in _found)
                {
                    if (now >= entry.ExpiresAt
                        && _found.TryRemove(new KeyValuePair<string, Entry>(keyId, entry)))
                    {
                        Interlocked.Decrement(ref _foundCount);
                        Interlocked.Increment(ref _evictedExpired);
                    }
                    else if (_accounts.TryGetValue(entry.Credential.Account.Id, out var shared))
                    {
                        shared.LastSeen = sweep;
                    }
                }

                // Shared accounts no cached key holds any more (added since the sweep began: kept).
                foreach (var (accountId, shared) in _accounts)
                {
                    if (shared.LastSeen < sweep)
                    {
                        _accounts.TryRemove(new KeyValuePair<string, SharedAccount>(accountId, shared));
                    }
                }
            }

            foreach (var (keyId, expiresAt) in _unknown)
            {
                if (now >= expiresAt
                    && _unknown.TryRemove(new KeyValuePair<string, long>(keyId, expiresAt)))
                {
                    Interlocked.Decrement(ref _unknownCount);
                    Interlocked.Increment(ref _evictedExpired);
                }
            }
        }
    }

    private async ValueTask<Credential?> LoadAsync(string keyId, Entry? stale, CancellationToken cancellationToken)
    {
        try
        {
            return await SharedLoad(keyId).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetTimestamp();
            Interlocked.CompareExchange(ref _failingSince, now, NotSet);
            if (stale is not null && _time.GetElapsedTime(UnreachableSince(), now) < _maxStaleness)
            {
                Interlocked.Increment(ref _hits);
                return stale.Credential;
            }

            throw ex as StoreUnavailableException ?? new StoreUnavailableException("The credential store did not answer.", ex);
        }
    }

    /// <summary>The in-flight lookup of <paramref name="keyId"/>, started when there is none.</summary>
    private Task<Credential?> SharedLoad(string keyId)
    {
        var completion = new TaskCompletionSource<Credential?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = _loads.GetOrAdd(keyId, completion.Task);
        if (load == completion.Task)
        {
            _ = RunLoadAsync(keyId, completion);
        }

        return load;
    }

    private async Task RunLoadAsync(string keyId, TaskCompletionSource<Credential?> completion)
    {
        var generation = Interlocked.Read(ref _generation);
        var startedAt = _time.GetTimestamp();
        try
        {
            // Not the caller's token: the lookup is shared, and it is bounded by the store's own timeouts.
            var credential = await _store.FindCredentialAsync(keyId, CancellationToken.None);
            Interlocked.Exchange(ref _failingSince, NotSet);
            completion.SetResult(Remember(keyId, credential, startedAt, generation));
        }
        catch (Exception ex)
        {
            completion.SetException(ex);
        }
        finally
        {
            _loads.TryRemove(new KeyValuePair<string, Task<Credential?>>(keyId, completion.Task));
        }
    }

    /// <summary>Caches what the store answered (when it may be), and returns the credential to answer with: the cached object.</summary>
    private Credential? Remember(string keyId, Credential? credential, long loadedAt, long generation)
    {
        if (Interlocked.Read(ref _generation) != generation)
        {
            return credential;
        }

        // Admission, before the answer is looked at: an unknown id is admitted exactly as a found one (no oracle).
        if (!Admit(keyId))
        {
            Interlocked.Increment(ref _notAdmitted);
            return credential;
        }

        if (credential is null)
        {
            if (_options.NegativeLifetime <= TimeSpan.Zero || !HasRoom(ref _unknownCount, _options.MaxNegativeEntries))
            {
                return null;
            }

            var expiresAt = _negativeLifetime.ExpiresAt(loadedAt);
            if (_unknown.TryAdd(keyId, expiresAt))
            {
                Interlocked.Increment(ref _unknownCount);
            }
            else
            {
                _unknown[keyId] = expiresAt;
            }
        }
        else
        {
            if (!HasRoom(ref _foundCount, _options.MaxEntries))
            {
                return credential;
            }

            // The entry is keyed by the key's own id string (the caller's is the request's, a copy), and holds the
            // account object its account's other cached keys hold when the store read the same account.
            keyId = string.Equals(keyId, credential.Key.Id, StringComparison.Ordinal) ? credential.Key.Id : keyId;
            credential = WithSharedAccount(credential);
            var entry = new Entry(credential, _entryLifetime.ExpiresAt(loadedAt));
            if (_found.TryAdd(keyId, entry))
            {
                Interlocked.Increment(ref _foundCount);
            }
            else
            {
                _found[keyId] = entry;
            }

            _expiring.GetOrAdd(entry.ExpiresAt / _time.TimestampFrequency, static _ => new()).Enqueue(new(keyId, entry.ExpiresAt));
            RemoveUnknown(keyId);
        }

        // An invalidation that ran while this entry was being added must win.
        if (Interlocked.Read(ref _generation) != generation)
        {
            RemoveFound(keyId);
            RemoveUnknown(keyId);
        }

        return credential;
    }

    /// <summary>
    /// Whether the answer for <paramref name="keyId"/> may be cached: always while the cache holds fewer found
    /// credentials than <see cref="AdmitAllBelow"/> says, otherwise when the doorkeeper saw the id miss recently. Decided
    /// by the id and the found count only, never by the answer.
    /// </summary>
    private bool Admit(string keyId)
    {
        if (Volatile.Read(ref _foundCount) < _admitAllBelow)
        {
            return true;
        }

        var doorkeeper = Volatile.Read(ref _doorkeeper);
        if (doorkeeper is null)
        {
            // Built on first need: two threads racing here build one table each and keep the first (lossy either way).
            Interlocked.CompareExchange(ref _doorkeeper, new CredentialCacheDoorkeeper(_options.MaxEntries), null);
            doorkeeper = Volatile.Read(ref _doorkeeper)!;
        }

        return doorkeeper.Admit(keyId);
    }

    /// <summary>
    /// <paramref name="credential"/> with the account object already held for its account when the two are equal
    /// in every field (the store read the same version of the account): the keys of one account then share one
    /// account object instead of holding a copy each. Only equal values are shared, so a changed account (a new
    /// <see cref="ServiceAccount.UpdatedAt"/>, status, roles…) is never served through an older object: a read
    /// that differs replaces the shared object for the keys loaded after it.
    /// </summary>
    private Credential WithSharedAccount(Credential credential)
    {
        var account = credential.Account;
        if (_accounts.TryGetValue(account.Id, out var shared))
        {
            if (ReferenceEquals(shared.Account, account))
            {
                return credential;
            }

            if (SameValue(shared.Account, account))
            {
                return credential with { Account = shared.Account };
            }
        }

        _accounts[account.Id] = new SharedAccount(account, Interlocked.Read(ref _sweeps));
        return credential;
    }

    private static bool SameValue(ServiceAccount held, ServiceAccount read) =>
        held.Roles.SequenceEqual(read.Roles, StringComparer.Ordinal)
        && held.AllowedCidrs.SequenceEqual(read.AllowedCidrs, StringComparer.Ordinal)
        && (held with { Roles = read.Roles, AllowedCidrs = read.AllowedCidrs }).Equals(read);

    /// <summary>
    /// Whether one more entry fits under <paramref name="max"/>. A full cache is not swept on the request that found
    /// it full (a scan of every entry): a sweep is scheduled on the thread pool instead, at most one at a time and at
    /// most one a second, so a flood of unknown key ids costs a bounded amount of work; until it has run, answers are
    /// simply not cached.
    /// </summary>
    private bool HasRoom(ref int count, int max)
    {
        if (Volatile.Read(ref count) < max)
        {
            return true;
        }

        var lastSweep = Interlocked.Read(ref _lastSweepAt);
        if ((lastSweep == NotSet || _time.GetElapsedTime(lastSweep) >= TimeSpan.FromSeconds(1))
            && Interlocked.CompareExchange(ref _sweepScheduled, 1, 0) == 0)
        {
            Volatile.Write(ref _scheduledSweep, Task.Run(RunScheduledSweep));
        }

        return false;
    }

    /// <summary>The sweep a full cache scheduled last (completed when none ran): tests wait for it.</summary>
    internal Task ScheduledSweep => Volatile.Read(ref _scheduledSweep);

    private void RunScheduledSweep()
    {
        try
        {
            Sweep(scanAll: false);
        }
        finally
        {
            Volatile.Write(ref _sweepScheduled, 0);
        }
    }

    /// <summary>
    /// Drops the found entries of every expiry second that has passed (each entry expired: its bucket's second is
    /// over); an entry invalidated or replaced since is left alone (no entry of that key with that expiry). A bucket
    /// holds key ids and expiry timestamps, not the entries: an invalidated credential (and an HMAC secret unsealed
    /// for it) is not kept alive by it.
    /// </summary>
    private void DrainExpiredSeconds(long now)
    {
        var frequency = _time.TimestampFrequency;
        foreach (var (second, queue) in _expiring)
        {
            if ((second + 1) * frequency > now || !_expiring.TryRemove(new KeyValuePair<long, ConcurrentQueue<KeyValuePair<string, long>>>(second, queue)))
            {
                continue;
            }

            while (queue.TryDequeue(out var item))
            {
                if (_found.TryGetValue(item.Key, out var entry)
                    && entry.ExpiresAt == item.Value
                    && _found.TryRemove(new KeyValuePair<string, Entry>(item.Key, entry)))
                {
                    Interlocked.Decrement(ref _foundCount);
                    Interlocked.Increment(ref _evictedExpired);
                }
            }
        }
    }

    private void RemoveFound(string keyId)
    {
        if (_found.TryRemove(keyId, out _))
        {
            Interlocked.Decrement(ref _foundCount);
            Interlocked.Increment(ref _evictedInvalidated);
        }
    }

    private void RemoveUnknown(string keyId)
    {
        if (_unknown.TryRemove(keyId, out _))
        {
            Interlocked.Decrement(ref _unknownCount);
            Interlocked.Increment(ref _evictedInvalidated);
        }
    }

    private long UnreachableSince()
    {
        var lost = Interlocked.Read(ref _connectionLostAt);
        var failing = Interlocked.Read(ref _failingSince);
        return lost == NotSet ? failing : failing == NotSet ? lost : Math.Min(lost, failing);
    }

    /// <summary>The account object the cached keys of one account share, and the sweep that last saw one of them.</summary>
    private sealed class SharedAccount(ServiceAccount account, long lastSeen)
    {
        public ServiceAccount Account { get; } = account;

        public long LastSeen { get; set; } = lastSeen;
    }

    /// <summary>A cached credential and the timestamp from which it is no longer served (store reachable).</summary>
    private sealed record Entry(Credential Credential, long ExpiresAt);

    /// <summary>A lifetime in timestamp units, and how much of it the spread may take off.</summary>
    private readonly struct Lifetime(TimeSpan lifetime, long frequency)
    {
        private readonly long _length = ToTimestamp(lifetime, frequency);
        private readonly long _spread = ToTimestamp(lifetime * ExpirySpread, frequency);

        /// <summary>When an entry loaded (its store read started) at <paramref name="loadedAt"/> expires.</summary>
        public long ExpiresAt(long loadedAt) =>
            loadedAt + _length - (_spread > 0 ? Random.Shared.NextInt64(_spread + 1) : 0);

        private static long ToTimestamp(TimeSpan span, long frequency) =>
            span <= TimeSpan.Zero ? 0 : (long)(span.Ticks * ((double)frequency / TimeSpan.TicksPerSecond));
    }
}
