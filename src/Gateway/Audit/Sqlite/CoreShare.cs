namespace Gateway.Audit.Sqlite;

/// <summary>
/// Lets the audit writer's long SQLite writes give the core to waiting threads every <see cref="Rows"/> rows
/// (<see cref="Thread.Yield"/>: <c>sched_yield</c>, which runs another thread only if one is waiting on this core).
/// </summary>
/// <remarks>
/// A request batch of 500 events is ≈ 1.75 ms of SQLite work on the writer's thread. Without a yield the kernel lets
/// that thread run it through — a thread that woke from a sleep is not preempted by another woken thread until it is
/// about a scheduler granularity (1-3 ms) ahead of it — so on one core every request that arrived meanwhile waited
/// for the whole batch: bearer's p99 at 25 % load was 2.3 ms against the anonymous route's 0.44
/// (docs/PERFORMANCE.md, "Hot path, fifteenth pass"). Yielding every 32 rows bounds that wait to ≈ 0.1 ms and costs
/// one system call per 32 rows (≈ 0.02 µs an event) when nothing waits. The transaction stays open across a yield:
/// only other writers wait for it (SQLite's busy timeout), readers do not.
/// </remarks>
internal struct CoreShare
{
    /// <summary>Rows written between two yields: ≈ 0.1 ms of the writer's SQLite work.</summary>
    public const int Rows = 32;

    private int _rows;

    /// <summary>Times this instance gave the core away.</summary>
    public int Yields { get; private set; }

    /// <summary>Counts <paramref name="rows"/> written, and yields once <see cref="Rows"/> have been since the last yield.</summary>
    public void Wrote(int rows = 1)
    {
        _rows += rows;
        if (_rows >= Rows)
        {
            _rows = 0;
            Yields++;
            Thread.Yield();
        }
    }
}
