using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.LoadTests;

// Gateway.LoadTests PLAN.json [RESULT.json]
// Runs the plan written by load-tests/run.sh, prints the table to stdout (progress to stderr), writes the report
// as JSON, and exits 1 when any request of any scenario failed (non-2xx, error or timeout) or the plan's CPU guard
// tripped (see BenchmarkPlan.CpuGuardRatio), 2 on bad usage.
if (args.Length is < 1 or > 2 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Gateway.LoadTests PLAN.json [RESULT.json]");
    return 2;
}

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    WriteIndented = true,
    Converters = { new JsonStringEnumConverter() },
};
var plan = JsonSerializer.Deserialize<BenchmarkPlan>(await File.ReadAllTextAsync(args[0]), json)
    ?? throw new InvalidOperationException("Empty plan.");

ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 4), io);

var report = await new BenchmarkRunner(plan, Console.Error).RunAsync();
Console.WriteLine();
Console.Write(ResultTable.Format(report));
if (args.Length == 2)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    await File.WriteAllTextAsync(args[1], JsonSerializer.Serialize(report, json));
    Console.WriteLine($"\nresults: {args[1]}");
}

var guard = CpuGuard.Check(report);
if (guard.Count > 0)
{
    foreach (var line in guard)
    {
        Console.Error.WriteLine("CPU guard FAILED: " + line);
    }

    return 1;
}

if (report.TotalErrors > 0)
{
    Console.Error.WriteLine($"load test FAILED: {report.TotalErrors} requests failed (non-2xx, error or timeout)");
    return 1;
}

if (report.TotalAuditEventsDropped > 0)
{
    foreach (var s in report.Scenarios.Where(s => s.AuditEventsDropped is > 0))
    {
        Console.Error.WriteLine($"load test FAILED: the gateway dropped {s.AuditEventsDropped:F0} audit events during {s.Name} (gateway_audit_events_dropped_total)");
    }

    return 1;
}

return 0;
