namespace Gateway.LoadTests;

/// <summary>The JSON written to <c>load-tests/results/</c>: the machine, the plan, every scenario and the targets.</summary>
public sealed record BenchmarkReport
{
    /// <summary>When the run finished (UTC).</summary>
    public required DateTimeOffset Finished { get; init; }

    /// <summary>The machine.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>The plan that was run.</summary>
    public required BenchmarkPlan Plan { get; init; }

    /// <summary>Per-scenario results, in plan order.</summary>
    public required IReadOnlyList<ScenarioReport> Scenarios { get; init; }

    /// <summary>The targets and whether each was met.</summary>
    public required IReadOnlyList<TargetResult> Targets { get; init; }

    /// <summary>Failed requests over every scenario and run; the run fails when this is not 0.</summary>
    public long TotalErrors => Scenarios.Sum(s => s.Errors);

    /// <summary>Audit events dropped by the gateways over every scenario and run; the run fails when this is not 0.</summary>
    public double TotalAuditEventsDropped => Scenarios.Sum(s => s.AuditEventsDropped ?? 0);
}
