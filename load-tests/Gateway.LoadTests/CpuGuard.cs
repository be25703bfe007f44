using System.Globalization;

namespace Gateway.LoadTests;

/// <summary>
/// The CI regression guard on what authentication costs: the server CPU per request that each authenticated
/// scenario adds over <c>yarp</c>, as a multiple of <c>yarp</c>'s own (see <see cref="BenchmarkPlan.CpuGuardRatio"/>).
/// </summary>
public static class CpuGuard
{
    /// <summary>The scenarios the guard checks.</summary>
    public static readonly string[] Scenarios = ["bearer", "rfc9421", "sigv4"];

    /// <summary>One line per scenario over the guard; empty when the guard is off, passed, or not measurable.</summary>
    public static IReadOnlyList<string> Check(BenchmarkReport report)
    {
        var failures = new List<string>();
        var yarp = report.Scenarios.FirstOrDefault(s => s.Name == "yarp")?.ServerCpuMicrosecondsPerRequest;
        if (report.Plan.CpuGuardRatio is not { } ratio || yarp is not > 0)
        {
            return failures;
        }

        foreach (var s in report.Scenarios.Where(s => Scenarios.Contains(s.Name)))
        {
            if (s.CpuOverYarpMicroseconds is { } added && added > ratio * yarp.Value)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Name} adds {added:F0} µs of server CPU per request over yarp ({yarp:F0} µs), more than {ratio:0.##}× yarp's"));
            }
        }

        return failures;
    }
}
