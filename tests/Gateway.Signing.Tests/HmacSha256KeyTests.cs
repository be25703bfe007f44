using System.Security.Cryptography;
using System.Text;

namespace Gateway.Signing.Tests;

public sealed class HmacSha256KeyTests
{
    public static TheoryData<int, int> Sizes() => new() { { 32, 0 }, { 52, 70 }, { 64, 1000 }, { 100, 5000 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Compute_EqualsTheOneShotHmac_EveryTime(int keyLength, int messageLength)
    {
        var keyBytes = RandomNumberGenerator.GetBytes(keyLength);
        using var key = new HmacSha256Key(keyBytes);
        var mac = new byte[32];

        for (var i = 0; i < 3; i++)
        {
            var message = RandomNumberGenerator.GetBytes(messageLength + i);
            key.Compute(message, mac);
            Assert.Equal(HMACSHA256.HashData(keyBytes, message), mac);
        }
    }

    [Fact]
    public void Compute_KeepsItsOwnCopyOfTheKey()
    {
        var keyBytes = Encoding.UTF8.GetBytes("gws_secret");
        using var key = new HmacSha256Key(keyBytes);
        var expected = HMACSHA256.HashData(keyBytes, "m"u8);
        CryptographicOperations.ZeroMemory(keyBytes);
        var mac = new byte[32];

        key.Compute("m"u8, mac);

        Assert.Equal(expected, mac);
    }

    [Fact]
    public async Task Compute_FromManyThreadsAtOnce_GivesEachCallerItsOwnMac()
    {
        var keyBytes = RandomNumberGenerator.GetBytes(32);
        using var key = new HmacSha256Key(keyBytes);
        var wrong = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var mac = new byte[32];
            for (var i = 0; i < 2000; i++)
            {
                var message = BitConverter.GetBytes((worker * 100_000) + i);
                key.Compute(message, mac);
                if (!mac.AsSpan().SequenceEqual(HMACSHA256.HashData(keyBytes, message)))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })));

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Compute_AfterDispose_Throws()
    {
        var key = new HmacSha256Key(RandomNumberGenerator.GetBytes(32));
        key.Compute("m"u8, new byte[32]);

        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Compute("m"u8, new byte[32]));
    }

    [Fact]
    public async Task Compute_RacingDispose_NeverReturnsAMacUnderTheZeroedKey()
    {
        // Dispose zeroes the key copy that a new pooled instance is keyed from; a MAC computed from those zeroed bytes
        // would verify a signature anyone can compute, so Compute must throw instead of returning it.
        var zeroKeyMac = HMACSHA256.HashData(new byte[32], "m"u8);
        for (var round = 0; round < 100; round++)
        {
            var key = new HmacSha256Key(RandomNumberGenerator.GetBytes(32));
            using var started = new CountdownEvent(4);
            var leaked = 0;
            var workers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
            {
                var mac = new byte[32];
                started.Signal();
                while (true)
                {
                    try
                    {
                        key.Compute("m"u8, mac);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }

                    if (mac.AsSpan().SequenceEqual(zeroKeyMac))
                    {
                        Interlocked.Increment(ref leaked);
                    }
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

            started.Wait();
            key.Dispose();
            await Task.WhenAll(workers);

            Assert.Equal(0, leaked);
        }
    }
}
