using Gateway.RateLimiting;

namespace Gateway.Tests.RateLimiting;

public sealed class GcraTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void FreshBucket_AdmitsTheBurstAtOnce_ThenRefusesWithTheWaitUntilTheNextSlot()
    {
        // 10 per second, burst 10: interval 100 ms.
        long tat = 0;
        var now = 1_000 * Second;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(Gcra.TryAcquire(tat, now, Second / 10, 10, out tat, out var remaining, out _));
            Assert.Equal(9 - i, remaining);
        }

        Assert.False(Gcra.TryAcquire(tat, now, Second / 10, 10, out var unchanged, out var none, out var wait));
        Assert.Equal(tat, unchanged);
        Assert.Equal(0, none);
        Assert.Equal(Second / 10, wait);
    }

    [Fact]
    public void WindowRollsOver_OneSlotPerInterval_AndTheFullBurstAfterAWholeWindow()
    {
        long tat = 0;
        var now = 5_000 * Second;
        for (var i = 0; i < 5; i++)
        {
            Assert.True(Gcra.TryAcquire(tat, now, Second, 5, out tat, out _, out _));
        }

        Assert.False(Gcra.TryAcquire(tat, now + Second - 1, Second, 5, out _, out _, out var wait));
        Assert.Equal(1, wait);

        // Exactly one interval later: exactly one more.
        Assert.True(Gcra.TryAcquire(tat, now + Second, Second, 5, out tat, out var remaining, out _));
        Assert.Equal(0, remaining);
        Assert.False(Gcra.TryAcquire(tat, now + Second, Second, 5, out _, out _, out _));

        // A whole window of silence restores the whole burst, and no more.
        var later = now + 7 * Second;
        var admitted = 0;
        while (Gcra.TryAcquire(tat, later, Second, 5, out var next, out _, out _))
        {
            tat = next;
            admitted++;
        }

        Assert.Equal(5, admitted);
    }

    [Fact]
    public void BurstSmallerThanTheRate_SpacesRequestsFromTheStart()
    {
        long tat = 0;
        var now = 10 * Second;
        Assert.True(Gcra.TryAcquire(tat, now, Second / 100, 1, out tat, out var remaining, out var reset));
        Assert.Equal(0, remaining);
        Assert.Equal(Second / 100, reset);
        Assert.False(Gcra.TryAcquire(tat, now + Second / 200, Second / 100, 1, out _, out _, out var wait));
        Assert.Equal(Second / 200, wait);
    }
}
