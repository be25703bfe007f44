namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>The system clock moved by a fixed offset: a client whose clock runs ahead of (or behind) the gateway's.</summary>
public sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
}
