using System.Globalization;
using System.Text;

namespace Gateway.LoadTests;

/// <summary>Formats a <see cref="BenchmarkReport"/> as the plain-text table the harness prints.</summary>
public static class ResultTable
{
    /// <summary>The table, the targets and any failure samples.</summary>
    public static string Format(BenchmarkReport report)
    {
        var levels = report.Plan.LoadLevels.Select(BenchmarkRunner.LevelKey).ToArray();
        var text = new StringBuilder();
        var header = new StringBuilder(F($"{"scenario",-13} {"keys",5} {"req/s",8} {"×yarp",6} {"×plain",6} {"×nginx",6} {"cpu µs/req",10} {"Δcpu yarp",9} {"alloc B/req",11} {"cs/req",6}"));
        foreach (var level in levels)
        {
            header.Append(F($" | {"p50/p99/p99.9 ms @" + level,-24}"));
        }

        header.Append(F($" | {"RSS MiB",7} {"errors",6}"));
        text.AppendLine(header.ToString());
        text.AppendLine(new string('-', header.Length));
        foreach (var s in report.Scenarios)
        {
            var row = new StringBuilder(F(
                $"{s.Name,-13} {Keys(s.StoreKeys),5} {s.RequestsPerSecond,8:F0} {Ratio(s.RatioToYarp),6} {Ratio(s.RatioToPlainYarp),6} {Ratio(s.RatioToNginx),6} {Number(s.ServerCpuMicrosecondsPerRequest, "F0"),10} {Signed(s.CpuOverYarpMicroseconds),9} {Number(s.AllocatedBytesPerRequest, "F0"),11} {Number(s.ContextSwitchesPerRequest, "F2"),6}"));
            foreach (var level in levels)
            {
                var cell = s.OpenLatency.TryGetValue(level, out var l)
                    ? F($"{l.P50:F2}/{l.P99:F2}/{l.P999:F2}{(s.BehindLevels.Contains(level) ? "*" : "")}")
                    : "-";
                row.Append(F($" | {cell,-24}"));
            }

            row.Append(F($" | {Number(s.GatewayPeakRssMiB, "F0"),7} {s.Errors,6}"));
            text.AppendLine(row.ToString());
        }

        if (report.Scenarios.Any(s => s.BehindLevels.Count > 0))
        {
            text.AppendLine(F($"* fell behind: that open run took over {RunResult.BehindSlack:0.00}× its schedule (the servers or the load generator did not keep up with the offered rate), so its percentiles measure a growing queue, not the latency of that load"));
        }

        if (report.Scenarios.Any(s => s.OpenQuietWindows.Count > 0))
        {
            text.AppendLine(F($"open runs over the host's quiet windows (the requests due in a {StealSampler.WindowMilliseconds} ms window in which the hypervisor's steal reached {report.Plan.WindowStealPercent:0.#}% of the machine, or in the window after it, left out; the share of the schedule kept in brackets; the latency targets read these):"));
            var quietHeader = new StringBuilder(F($"{"scenario",-13}"));
            foreach (var level in levels)
            {
                quietHeader.Append(F($" | {"p50/p99/p99.9 ms @" + level,-31}"));
            }

            text.AppendLine(quietHeader.ToString());
            foreach (var s in report.Scenarios.Where(s => s.OpenQuietWindows.Count > 0))
            {
                var row = new StringBuilder(F($"{s.Name,-13}"));
                foreach (var level in levels)
                {
                    var cell = s.OpenQuietWindows.TryGetValue(level, out var q)
                        ? q.Latency is { } l ? F($"{l.P50:F2}/{l.P99:F2}/{l.P999:F2} ({q.SchedulePercent:F0}%)") : F($"- (0%)")
                        : "-";
                    row.Append(F($" | {cell,-31}"));
                }

                text.AppendLine(row.ToString());
            }
        }

        // The runs whose figures the table shows: closed rounds that counted, and open runs (not warm-ups, nor the
        // rounds measured again).
        var measured = report.Scenarios.SelectMany(s => s.Runs).Where(r => r.Model != "warmup").ToArray();
        var other = measured.Select(r => r.OtherCpuPercent ?? 0).DefaultIfEmpty(0).Max();
        var steal = measured.Select(r => r.StealPercent ?? 0).DefaultIfEmpty(0).Max();
        text.AppendLine(F($"other processes took up to {other:F1}% of the machine's CPU during a measured run{(steal > 0 ? F($" (the hypervisor's steal up to {steal:F1}%: the host ran other work on this VM's CPUs)") : "")}{(other > 5 ? " — figures are disturbed; rerun on a quiet machine" : "")}"));
        var again = report.Scenarios.SelectMany(s => s.Runs).Where(r => r.NotCounted is not null).ToArray();
        if (again.Length > 0)
        {
            var jit = again.Count(r => r.NotCounted == RunResult.NotCountedJit);
            var open = again.Count(r => r.TargetRate is not null);
            var stolen = again.Count(r => r.NotCounted == RunResult.NotCountedSteal);
            var shared = (report.Plan.MaxOtherCpuPercent > 0
                ? F($", {again.Length - jit - stolen} shared the machine with other processes or the hypervisor above {report.Plan.MaxOtherCpuPercent:F0}%")
                : "") + (stolen > 0
                ? F($", {stolen} met bursts of steal that left less than {report.Plan.MinQuietSchedulePercent:F0}% of the schedule quiet")
                : "");
            var timedOut = report.Scenarios.Sum(s => s.TimedOutNotCounted);
            text.AppendLine(F($"runs measured again: {again.Length - open} closed round{(again.Length - open == 1 ? "" : "s")} and {open} open run{(open == 1 ? "" : "s")} ({jit} compiled code{shared}){(timedOut > 0 ? F($"; {timedOut} requests timed out in them, not counted as errors") : "")}"));
        }
        if (report.HostDriftPercent is { } drift)
        {
            var direct = report.HostCheckRounds;
            text.AppendLine(F($"host check: direct's closed rounds read {direct.Min():F1}-{direct.Max():F1} µs/req (spread {drift:F0}%){(drift > BenchmarkReport.HostDriftWarningPercent ? " — THE MACHINE CHANGED SPEED or is noisy: rounds of one scenario disagree, medians mix speeds; compare interleaved A/B runs" : "")}"));
        }
        text.AppendLine();
        text.AppendLine("targets:");
        foreach (var target in report.Targets)
        {
            var verdict = target.Met switch { true => "met", false => "MISSED", null => "n/a" };
            text.AppendLine(F($"  {verdict,-6} {target.Target,-50} {target.Measured}"));
        }

        foreach (var s in report.Scenarios.Where(s => s.FailureSamples.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(F($"{s.Name}: {s.Errors} failed requests{(s.TimedOutNotCounted > 0 ? F($" and {s.TimedOutNotCounted} timed out in runs not counted") : "")}, e.g.:"));
            foreach (var sample in s.FailureSamples)
            {
                text.AppendLine("  " + sample.ReplaceLineEndings(" "));
            }
        }

        return text.ToString();
    }

    private static string Keys(long? keys) => keys switch
    {
        null => "-",
        >= 1_000_000 when keys % 1_000_000 == 0 => F($"{keys / 1_000_000}M"),
        >= 1_000 when keys % 1_000 == 0 => F($"{keys / 1_000}k"),
        _ => F($"{keys}"),
    };

    private static string Signed(double? value) => value is { } v ? v.ToString("+0;-0;0", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? ratio) => ratio is { } r ? F($"{r:F2}") : "-";

    private static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
