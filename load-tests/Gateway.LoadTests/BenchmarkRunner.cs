using System.Diagnostics;
using System.Globalization;

namespace Gateway.LoadTests;

/// <summary>
/// Runs a <see cref="BenchmarkPlan"/>: a warm-up per scenario and one unmeasured pass over all of them, then closed-model rounds and open-model load levels,
/// each pass visiting every scenario in turn (starting one further along each pass), so slow drift of the machine
/// is spread over all scenarios instead of landing on one. Progress goes to <paramref name="log"/>.
/// </summary>
public sealed class BenchmarkRunner(BenchmarkPlan plan, TextWriter log)
{
    private static readonly HttpClient MetricsClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly GatewayRuntimeCounters _counters = new(MetricsClient);

    /// <summary>Runs the plan and returns the report (targets included).</summary>
    public async Task<BenchmarkReport> RunAsync()
    {
        var scenarios = plan.Scenarios;
        var clients = scenarios.Select(s => new ScenarioClient(s, plan.Connections)).ToArray();
        try
        {
            var runs = scenarios.Select(_ => new List<RunResult>()).ToArray();
            var served = new Dictionary<int, double>(); // warm-up seconds per server (gateway), over its scenarios
            for (var i = 0; i < scenarios.Count; i++)
            {
                // At least WarmupRequests requests (up to 10 warm-up runs), so that the servers' JIT has tiered up
                // before anything is measured: on a busy machine a few seconds may be a few hundred requests. And
                // at least WarmupServerSeconds of load on the scenario's server, summed over the scenarios it serves
                // (up to 30 runs): a gateway alone under load reached its steady state only after ≈ 45 s.
                var server = scenarios[i].GatewayPid ?? scenarios[i].ServerPids.FirstOrDefault();
                long warmed = 0;
                for (var pass = 0;
                     pass == 0 || (pass < 30 && ((pass < 10 && warmed < plan.WarmupRequests) || served.GetValueOrDefault(server) < plan.WarmupServerSeconds));
                     pass++)
                {
                    var warmup = await MeasureAsync(clients[i], "warmup", plan.WarmupSeconds, null, null);
                    runs[i].Add(warmup);
                    warmed += warmup.Succeeded + warmup.Failed;
                    served[server] = served.GetValueOrDefault(server) + plan.WarmupSeconds;
                }
            }

            // Then one unmeasured closed-length pass over every scenario. The warm-ups leave each server's JIT still
            // promoting methods to tier 1 in the background (dotnet-counters counted ~2,700 methods and ~4 s of JIT
            // time on a gateway after its warm-ups ended), and before this pass the first measured round of the
            // servers warmed first read 30-50 % above their later rounds: an A/B of two identical builds put the
            // side measured first 36 µs/request above the other (docs/PERFORMANCE.md, "Measuring the steady state").
            foreach (var i in Rotation(scenarios.Count, 0))
            {
                runs[i].Add(await MeasureAsync(clients[i], "warmup", plan.ClosedSeconds, null, null));
            }

            for (var round = 0; round < plan.Rounds; round++)
            {
                foreach (var i in Rotation(scenarios.Count, round))
                {
                    runs[i].Add(await MeasureCountedAsync(clients[i], runs[i], "closed", plan.ClosedSeconds, null, null));
                }
            }

            var saturation = runs.Select(r => Median(r.Where(x => x.Model == "closed").Select(x => x.RequestsPerSecond))).ToArray();
            for (var level = 0; level < plan.LoadLevels.Count; level++)
            {
                foreach (var i in Rotation(scenarios.Count, level))
                {
                    var fraction = plan.LoadLevels[level];
                    runs[i].Add(await MeasureCountedAsync(clients[i], runs[i], "open", plan.OpenSeconds, Math.Max(1, saturation[i] * fraction), fraction));
                }
            }

            var reports = BuildReports(clients, runs, saturation);
            return new BenchmarkReport
            {
                Finished = DateTimeOffset.UtcNow,
                Machine = MachineInfo.Current(),
                Plan = plan,
                Scenarios = reports,
                Targets = TargetEvaluator.Evaluate(reports, plan.MinQuietSchedulePercent),
            };
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// Measures a closed round or an open run until one counts (<see cref="NotCounted"/>), at most
    /// <see cref="BenchmarkPlan.RoundRepeats"/> times again: each run not counted is logged and added to
    /// <paramref name="runs"/> as a warm-up marked with the reason, and the last repeat counts whatever it read. An open
    /// run is measured again at the same offered rate: its percentiles are the figures of the latency targets, and a run
    /// during which the host took a third of the machine measures the host (it may fall behind its schedule and time
    /// requests out), not the gateway.
    /// </summary>
    private async Task<RunResult> MeasureCountedAsync(ScenarioClient client, List<RunResult> runs, string model, double seconds, double? rate, double? level)
    {
        var run = await MeasureAsync(client, model, seconds, rate, level);
        for (var repeat = 0; repeat < plan.RoundRepeats && NotCounted(run) is { } reason; repeat++)
        {
            log.WriteLine($"  (not counted: {reason.Text}; measured again)");
            runs.Add(run with { Model = "warmup", NotCounted = reason.Code });
            run = await MeasureAsync(client, model, seconds, rate, level);
        }

        return run;
    }

    /// <summary>
    /// Why a closed round or an open run is not counted, or <c>null</c> when it is: its gateway spent more than
    /// <see cref="BenchmarkPlan.MaxJitShare"/> of it compiling code, or other processes and the hypervisor took more than
    /// <see cref="BenchmarkPlan.MaxOtherCpuPercent"/> of the machine.
    /// </summary>
    private (string Code, string Text)? NotCounted(RunResult run)
    {
        if (plan.MaxJitShare > 0 && run.GatewayJitMs is { } jit && jit > plan.MaxJitShare * run.Seconds * 1000)
        {
            return (RunResult.NotCountedJit,
                string.Create(CultureInfo.InvariantCulture, $"the gateway compiled code for {jit:F1} ms of that run's {run.Seconds:F1} s"));
        }

        var shared = Math.Max(run.OtherCpuPercent ?? 0, run.StealPercent ?? 0);
        if (plan.MaxOtherCpuPercent > 0 && shared > plan.MaxOtherCpuPercent)
        {
            return (RunResult.NotCountedShared, string.Create(CultureInfo.InvariantCulture,
                $"other processes took {run.OtherCpuPercent ?? 0:F1}% of the machine and the hypervisor's steal {run.StealPercent ?? 0:F1}%, above {plan.MaxOtherCpuPercent:F0}%"));
        }

        return run.QuietWindows is { } quiet && quiet.SchedulePercent < plan.MinQuietSchedulePercent
            ? (RunResult.NotCountedSteal, string.Create(CultureInfo.InvariantCulture,
                $"the hypervisor's steal reached {quiet.ThresholdPercent:0.#}% of the machine in {quiet.StealWindows} of its {quiet.Windows} windows of {StealSampler.WindowMilliseconds} ms (worst {quiet.WorstStealPercent:F1}%), leaving {quiet.SchedulePercent:F1}% of its schedule quiet, below {plan.MinQuietSchedulePercent:F0}%"))
            : null;
    }

    /// <summary>The load level's table key, e.g. <c>50%</c>.</summary>
    public static string LevelKey(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private async Task<RunResult> MeasureAsync(ScenarioClient client, string model, double seconds, double? rate, double? level)
    {
        var scenario = client.Scenario;
        // The other servers wait while a scenario is measured (their idle spinning preempted the measured one).
        using var paused = model == "warmup" ? null : IdleServers.Pause(plan.IdleServerPids.Except(scenario.ServerPids));
        var countersBefore = scenario.MetricsUrl is { } metrics ? await _counters.ReadAsync(metrics) : null;
        var clientPauseBefore = GC.GetTotalPauseDuration();
        var switchesBefore = ProcessStats.ContextSwitches(scenario.ServerPids);
        var cpuBefore = ProcessStats.CpuSeconds(scenario.ServerPids);
        var machineBefore = ProcessStats.MachineCpuSeconds();
        var selfBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        if (scenario.GatewayPid is { } gateway)
        {
            ProcessStats.ResetPeakRss(gateway);
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var timeout = TimeSpan.FromSeconds(plan.RequestTimeoutSeconds);
        var measurement = rate is { } r
            ? await OpenLoadModel.RunAsync(client, r, duration, plan.MaxRequestsPerRun, timeout, plan.SpinPacer, plan.WindowStealPercent)
            : await ClosedLoadModel.RunAsync(client, plan.Connections, duration, plan.MaxRequestsPerRun, timeout);
        var cpuAfter = ProcessStats.CpuSeconds(scenario.ServerPids);
        var machineAfter = ProcessStats.MachineCpuSeconds();
        var selfAfter = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var switchesAfter = ProcessStats.ContextSwitches(scenario.ServerPids);
        var clientPauseAfter = GC.GetTotalPauseDuration();
        var countersAfter = scenario.MetricsUrl is { } metricsAfter ? await _counters.ReadAsync(metricsAfter) : null;
        var completed = measurement.Succeeded + measurement.Failed;
        var result = new RunResult
        {
            Model = model,
            TargetRate = rate is { } target ? Math.Round(target, 1) : null,
            LoadLevel = level,
            Succeeded = measurement.Succeeded,
            Failed = measurement.Failed,
            TimedOut = measurement.TimedOut,
            Seconds = Math.Round(measurement.Seconds, 3),
            Latency = LatencySummary.From(measurement.Histogram),
            DispatchLag = measurement.DispatchLag is { } lag ? LatencySummary.From(lag) : null,
            ServerCpuMicrosecondsPerRequest = cpuBefore is { } before && cpuAfter is { } after && completed > 0
                ? Math.Round((after - before) * 1_000_000 / completed, 1)
                : null,
            ServerContextSwitchesPerRequest = switchesBefore is { } s0 && switchesAfter is { } s1 && completed > 0
                ? Math.Round((double)ProcessStats.SwitchesBetween(s0, s1) / completed, 2)
                : null,
            GatewayAllocatedBytesPerRequest = countersBefore?.AllocatedBytes is { } a0 && countersAfter?.AllocatedBytes is { } a1 && completed > 0
                ? Math.Round((a1 - a0) / completed)
                : null,
            GatewayGcPauseMs = countersBefore?.GcPauseSeconds is { } p0 && countersAfter?.GcPauseSeconds is { } p1
                ? Math.Round((p1 - p0) * 1000, 1)
                : null,
            GatewayJitMs = countersBefore?.JitSeconds is { } j0 && countersAfter?.JitSeconds is { } j1 ? Math.Round((j1 - j0) * 1000, 1) : null,
            GatewayGen2Collections = countersBefore?.Gen2Collections is { } g0 && countersAfter?.Gen2Collections is { } g1 ? g1 - g0 : null,
            GatewayAuditEventsDropped = countersBefore?.AuditEventsDropped is { } d0 && countersAfter?.AuditEventsDropped is { } d1 ? d1 - d0 : null,
            ClientGcPauseMs = Math.Round((clientPauseAfter - clientPauseBefore).TotalMilliseconds, 1),
            Stalls = measurement.Stalls?.Summarize(plan.StallThresholdMs, steal: measurement.Steal),
            QuietWindows = measurement.Quiet,
            GatewayPeakRssMiB = scenario.GatewayPid is { } pid ? ProcessStats.PeakRssMiB(pid) : null,
            StealPercent = machineBefore is { } t0 && machineAfter is { } t1
                ? Math.Round((t1.Steal - t0.Steal) * 100 / (measurement.Seconds * ProcessStats.MachineCpuCount()), 1)
                : null,
            OtherCpuPercent = machineBefore is { } m0 && machineAfter is { } m1 && cpuBefore is { } c0 && cpuAfter is { } c1
                ? Math.Round(Math.Max(0, (m1.Busy - m0.Busy) - (c1 - c0) - (selfAfter - selfBefore)) * 100 / (measurement.Seconds * ProcessStats.MachineCpuCount()), 1)
                : null,
        };
        var label = level is { } l ? $"open {LevelKey(l)}" : model;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-9} {scenario.Name,-13} {result.RequestsPerSecond,9:F0} req/s{(result.ServerCpuMicrosecondsPerRequest is { } cpu ? $"  cpu {cpu,5:F0} µs/req" : "")}{(result.GatewayAllocatedBytesPerRequest is { } bytes ? $"  alloc {bytes,6:F0} B/req" : "")}{(result.ServerContextSwitchesPerRequest is { } cs ? $"  cs {cs,4:F2}/req" : "")}{(result.GatewayJitMs is { } jit ? $"  jit {jit,6:F1} ms" : "")}  p50 {result.Latency.P50,7:F3}  p99 {result.Latency.P99,7:F3}  p99.9 {result.Latency.P999,7:F3} ms  errors {result.Failed}{(result.TimedOut > 0 ? $" ({result.TimedOut} timed out)" : "")}{(result.DispatchLag is { } d ? $"  send lag p99 {d.P99:F3} ms" : "")}{(result.FellBehind ? string.Create(CultureInfo.InvariantCulture, $"  FELL BEHIND: {result.RequestsPerSecond:F0} of {result.TargetRate:F0} req/s offered") : "")}{(result.OtherCpuPercent is > 5 ? $"  other processes used {result.OtherCpuPercent}% CPU{(result.StealPercent is > 0 ? $" (steal {result.StealPercent}%)" : "")}" : "")}{(result.GatewayAuditEventsDropped is > 0 ? $"  AUDIT EVENTS DROPPED {result.GatewayAuditEventsDropped:F0}" : "")}{QuietText(result)}{StallText(result)}"));
        return result;
    }

    /// <summary>
    /// An open run over the host's quiet windows, for the progress log: its p99 there and how much of the schedule
    /// that was, when any window met the host's steal.
    /// </summary>
    private static string QuietText(RunResult result) =>
        result.QuietWindows is { StealWindows: > 0 } quiet
            ? string.Create(CultureInfo.InvariantCulture,
                $"  quiet windows: p99 {(quiet.Latency is { } l ? $"{l.P99:F3} ms" : "-")} over {quiet.SchedulePercent:F1}% of the schedule (steal ≥{quiet.ThresholdPercent:0.#}% in {quiet.StealWindows} of {quiet.Windows} windows, worst {quiet.WorstStealPercent:F1}%)")
            : "";

    /// <summary>
    /// An open run's stalls and pauses for the progress log: episodes, the worst one (where, how slow, how late the
    /// generator was then), and the GC pause time of the gateway and of the generator during the run.
    /// </summary>
    private static string StallText(RunResult result)
    {
        if (result.Stalls is not { } stalls)
        {
            return "";
        }

        var worst = stalls.Worst.MaxBy(e => e.WorstLatencyMs);
        return string.Create(CultureInfo.InvariantCulture,
            $"  stalls ≥{stalls.ThresholdMs:0.#} ms: {stalls.Episodes} ({stalls.StalledMs} ms){(worst is null ? "" : $", worst {worst.WorstLatencyMs:F1} ms at {worst.AtSeconds:F2} s (send lag {worst.WorstDispatchLagMs:F1}{(worst.StealPercent is { } st ? $", steal up to {st:F0}%" : "")})")}  gc pause gateway {(result.GatewayGcPauseMs is { } g ? $"{g:F1}" : "-")} ms (gen2 {(result.GatewayGen2Collections is { } n ? $"{n:F0}" : "-")}), generator {result.ClientGcPauseMs:F1} ms");
    }

    private static List<ScenarioReport> BuildReports(ScenarioClient[] clients, List<RunResult>[] runs, double[] saturation)
    {
        var scenarios = clients.Select(c => c.Scenario).ToArray();
        var yarp = Array.FindIndex(scenarios, s => s.Name == "yarp");
        var nginx = Array.FindIndex(scenarios, s => s.Name == "nginx");
        var plainYarp = Array.FindIndex(scenarios, s => s.Name == "plain-yarp");

        double? ClosedMedian(int i, Func<RunResult, double?> value)
        {
            var closed = runs[i].Where(r => r.Model == "closed").Select(value).ToArray();
            return closed.Length > 0 && closed.All(v => v is not null) ? Median(closed.Select(v => v!.Value)) : null;
        }

        var cpu = new double?[scenarios.Length];
        for (var i = 0; i < scenarios.Length; i++)
        {
            cpu[i] = ClosedMedian(i, r => r.ServerCpuMicrosecondsPerRequest);
        }

        var reports = new List<ScenarioReport>();
        for (var i = 0; i < scenarios.Length; i++)
        {
            reports.Add(new ScenarioReport
            {
                Name = scenarios[i].Name,
                Auth = scenarios[i].Auth,
                StoreKeys = scenarios[i].StoreKeys,
                RequestsPerSecond = Math.Round(saturation[i], 1),
                RatioToYarp = Ratio(saturation, i, yarp),
                RatioToNginx = Ratio(saturation, i, nginx),
                RatioToPlainYarp = Ratio(saturation, i, plainYarp),
                ServerCpuMicrosecondsPerRequest = cpu[i],
                CpuOverYarpMicroseconds = yarp >= 0 && cpu[i] is { } mine && cpu[yarp] is { } theirs ? Math.Round(mine - theirs, 1) : null,
                ContextSwitchesPerRequest = ClosedMedian(i, r => r.ServerContextSwitchesPerRequest),
                AllocatedBytesPerRequest = ClosedMedian(i, r => r.GatewayAllocatedBytesPerRequest),
                ClosedJitMs = runs[i].Where(r => r.Model == "closed").Select(r => r.GatewayJitMs).ToArray() is { Length: > 0 } jit && jit.All(j => j is not null)
                    ? Math.Round(jit.Sum(j => j!.Value), 1)
                    : null,
                OpenLatency = runs[i].Where(r => r.Model == "open")
                    .ToDictionary(r => LevelKey(r.LoadLevel!.Value), r => r.Latency),
                OpenQuietWindows = runs[i].Where(r => r.Model == "open" && r.QuietWindows is not null)
                    .ToDictionary(r => LevelKey(r.LoadLevel!.Value), r => r.QuietWindows!),
                BehindLevels = runs[i].Where(r => r.Model == "open" && r.FellBehind)
                    .Select(r => LevelKey(r.LoadLevel!.Value)).ToArray(),
                GatewayPeakRssMiB = runs[i].Max(r => r.GatewayPeakRssMiB),
                // A run not counted because the machine was shared (or the gateway was compiling) is measured again: the
                // requests it timed out are not the gateway's errors (the run measured the host), every other failure is.
                Errors = runs[i].Sum(r => r.Failed - (r.NotCounted is null ? 0 : r.TimedOut)),
                TimedOutNotCounted = runs[i].Where(r => r.NotCounted is not null).Sum(r => r.TimedOut),
                AuditEventsDropped = runs[i].Any(r => r.GatewayAuditEventsDropped is not null) ? runs[i].Sum(r => r.GatewayAuditEventsDropped ?? 0) : null,
                FailureSamples = clients[i].FailureSamples.ToArray(),
                Runs = runs[i],
            });
        }

        return reports;
    }

    private static double? Ratio(double[] saturation, int i, int reference) =>
        reference >= 0 && saturation[reference] > 0 ? Math.Round(saturation[i] / saturation[reference], 3) : null;

    private static IEnumerable<int> Rotation(int count, int offset) => Enumerable.Range(0, count).Select(k => (k + offset) % count);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
