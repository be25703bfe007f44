namespace Gateway.Shutdown;

/// <summary>Whether the gateway is shutting down; <c>/readyz</c> reads it, the drain sets it once.</summary>
public sealed class DrainState
{
    private int _draining;

    /// <summary><c>true</c> from the moment shutdown began.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>Marks the gateway as shutting down.</summary>
    public void Begin() => Volatile.Write(ref _draining, 1);
}
