namespace Gateway.RateLimiting;

/// <summary>
/// The Generic Cell Rate Algorithm, exact and pure: a bucket's whole state is one number, its theoretical arrival time
/// (TAT, microseconds). A request at <c>now</c> is admitted when <c>max(TAT, now) + T − burst·T ≤ now</c>
/// (<c>T</c> = the emission interval); admission moves TAT to <c>max(TAT, now) + T</c>. The Redis script implements the
/// same arithmetic (<see cref="RateLimitScripts.Decide"/>).
/// </summary>
public static class Gcra
{
    /// <summary>Judges one request against a bucket; the caller stores <paramref name="newTat"/> only when it commits.</summary>
    /// <param name="tat">The stored TAT (0 for a bucket never used).</param>
    /// <param name="now">The current time in microseconds.</param>
    /// <param name="interval">The emission interval <c>T</c> in microseconds (window ÷ requests).</param>
    /// <param name="burst">How many requests may arrive back to back (≥ 1).</param>
    /// <param name="newTat">The TAT after admission (unchanged when refused).</param>
    /// <param name="remaining">Requests still admissible right now after this one (0 when refused).</param>
    /// <param name="wait">When refused: microseconds until this request would be admitted; when admitted: until the bucket is full again.</param>
    /// <returns><c>true</c> when admitted.</returns>
    public static bool TryAcquire(long tat, long now, long interval, int burst, out long newTat, out long remaining, out long wait)
    {
        var start = Math.Max(tat, now);
        var next = start + interval;
        var allowAt = next - burst * interval;
        if (now < allowAt)
        {
            newTat = tat;
            remaining = 0;
            wait = allowAt - now;
            return false;
        }

        newTat = next;
        remaining = (now - allowAt) / interval;
        wait = next - now;
        return true;
    }
}
