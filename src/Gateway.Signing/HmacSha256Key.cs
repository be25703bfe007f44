using System.Security.Cryptography;

namespace Gateway.Signing;

/// <summary>
/// An HMAC-SHA256 key prepared once for many MACs: keyed hash instances are pooled and reset after each MAC instead
/// of being keyed afresh per call as the one-shot <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
/// is (about half its time for a short message). Safe for concurrent use: each MAC takes an instance of its own from
/// the pool (or a new one when every pooled one is in use). <see cref="Dispose"/> — or, when it was never disposed,
/// collection — zeroes the key copy and frees the keyed instances (OpenSSL cleanses their key schedule).
/// </summary>
public sealed class HmacSha256Key : IDisposable
{
    private readonly byte[] _key;
    private readonly IncrementalHash?[] _pool;
    private volatile bool _disposed;

    /// <summary>Copies <paramref name="key"/>; the caller may zero its own copy afterwards.</summary>
    public HmacSha256Key(ReadOnlySpan<byte> key)
    {
        _key = key.ToArray();
        _pool = new IncrementalHash?[Math.Clamp(Environment.ProcessorCount * 2, 4, 16)];
    }

    /// <summary>Zeroes the key and frees the pooled instances when the owner never disposed this key.</summary>
    ~HmacSha256Key()
    {
        Release();
    }

    /// <summary>
    /// Writes HMAC-SHA256(key, <paramref name="data"/>) into <paramref name="destination"/> (32 bytes or more).
    /// Throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.
    /// </summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var hmac = Rent();
        hmac.AppendData(data);
        hmac.GetHashAndReset(destination);
        Return(hmac);

        // A Dispose that ran meanwhile may have zeroed the key a new instance was keyed with: a MAC under an all-zero
        // key must never be handed out (it would verify a signature anyone can compute). Release sets the flag and
        // fences before it zeroes, so a MAC computed from zeroed bytes always sees the flag here.
        Interlocked.MemoryBarrier();
        if (_disposed)
        {
            CryptographicOperations.ZeroMemory(destination);
            ObjectDisposedException.ThrowIf(true, this);
        }
    }

    /// <summary>
    /// Zeroes the key copy and frees the pooled keyed instances. A MAC running concurrently either completes under the
    /// real key or throws <see cref="ObjectDisposedException"/>; it never returns a MAC under the zeroed key.
    /// </summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        _disposed = true;
        Interlocked.MemoryBarrier();
        CryptographicOperations.ZeroMemory(_key);
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }
    }

    private IncrementalHash Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Volatile.Read(ref _pool[i]) is not null && Interlocked.Exchange(ref _pool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
    }

    private void Return(IncrementalHash hmac)
    {
        if (!_disposed)
        {
            for (var i = 0; i < _pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _pool[i], hmac, null) is null)
                {
                    // A Dispose that ran meanwhile may have missed this slot: take the instance back out.
                    if (_disposed && Interlocked.Exchange(ref _pool[i], null) is { } missed)
                    {
                        missed.Dispose();
                    }

                    return;
                }
            }
        }

        hmac.Dispose();
    }
}
