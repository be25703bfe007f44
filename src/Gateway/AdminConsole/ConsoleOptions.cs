namespace Gateway.AdminConsole;

/// <summary>
/// <c>Gateway:Console</c>: the browser console on the admin listener under <c>/console</c>. Sessions live in the
/// memory of one replica: behind a load balancer, pin the admin listener (sticky sessions) or sign in again.
/// </summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Console";

    /// <summary>Whether <c>/console</c> is served at all (default <c>true</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A session ends after this long without a request (default 20 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>A session ends this long after sign-in, however active (default 8 hours).</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Most sessions kept at once (default 1000); the oldest is dropped beyond it.</summary>
    public int MaxSessions { get; set; } = 1000;
}
