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

    /// <summary>A spread of <see cref="HostDriftPercent"/> above which the table warns that the machine changed speed.</summary>
    public const double HostDriftWarningPercent = 30;

    /// <summary>
    /// The host check: how far apart the <c>direct</c> scenario's closed rounds (the upstream alone, no gateway) read, as
    /// the largest CPU per request over the smallest, minus one, in percent; <c>null</c> when <c>direct</c> was not run.
    /// Rounds of one scenario minutes apart should read alike; a spread above <see cref="HostDriftWarningPercent"/> says
    /// the machine's speed changed during the run (session 13's full run read 11.1 to 21.4 µs), and medians of other
    /// scenarios then mix two speeds.
    /// </summary>
    public double? HostDriftPercent
    {
        get
        {
            var cpu = HostCheckRounds;
            return cpu.Length < 2 ? null : Math.Round((cpu.Max() / cpu.Min() - 1) * 100, 1);
        }
    }

    /// <summary>
    /// What the host check reads: the CPU per request of the <c>direct</c> scenario's closed rounds; empty when
    /// <c>direct</c> was not run or a round has no CPU figure. Not written to the JSON (<see cref="HostDriftPercent"/> is).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double[] HostCheckRounds
    {
        get
        {
            var cpu = Scenarios.FirstOrDefault(s => s.Name == "direct")?.Runs.Where(r => r.Model == "closed")
                .Select(r => r.ServerCpuMicrosecondsPerRequest).ToArray() ?? [];
            return cpu.All(v => v is > 0) ? cpu.Select(v => v!.Value).ToArray() : [];
        }
    }
}
