namespace Gateway.LoadTests;

/// <summary>One scenario of a <see cref="BenchmarkPlan"/>: what to call and how.</summary>
public sealed record ScenarioPlan
{
    /// <summary>Short name shown in the table, e.g. <c>bearer-1m</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute URL without a query; each request appends <c>?i=&lt;sequence&gt;</c>.</summary>
    public required string Url { get; init; }

    /// <summary>How requests authenticate. Default <see cref="AuthKind.None"/>.</summary>
    public AuthKind Auth { get; init; } = AuthKind.None;

    /// <summary>The seeder's credentials file, for authenticated scenarios; <c>null</c> otherwise.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>The gateway process whose peak RSS is reported; <c>null</c> when the scenario has none.</summary>
    public int? GatewayPid { get; init; }

    /// <summary>
    /// The gateway's Prometheus endpoint, whose runtime counters give allocated bytes per request and GC pause time
    /// (<see cref="GatewayRuntimeCounters"/>); <c>null</c> when the scenario has no gateway.
    /// </summary>
    public string? MetricsUrl { get; init; }

    /// <summary>Server-side processes (children included) whose CPU time is charged to the scenario.</summary>
    public IReadOnlyList<int> ServerPids { get; init; } = [];

    /// <summary>Keys in the gateway's store, for the report; <c>null</c> when not applicable.</summary>
    public long? StoreKeys { get; init; }
}
