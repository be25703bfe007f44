using System.Globalization;

namespace Gateway.LoadTests;

/// <summary>
/// Reads a gateway's runtime counters from its Prometheus <c>/metrics</c>: the bytes it has allocated on its managed
/// heap so far, its total GC pause time and its gen-2 collections. The harness starts every gateway with the
/// runtime's observable counters <c>System.Runtime/dotnet.gc.heap.total_allocated</c> and
/// <c>System.Runtime/dotnet.gc.pause.time</c> and <c>System.Runtime/dotnet.jit.compilation.time</c> bridged
/// (<c>Gateway:Metrics:Meters</c>), which the gateway reads only
/// when scraped — nothing per request; the collection counts are prometheus-net's own runtime metrics. Bytes per
/// request do not depend on how busy the machine is, unlike CPU time, so they tell a change's effect where CPU
/// rounds cannot; the pause time says whether an open run's stalls were the gateway's collections; the JIT time says
/// whether a measured run still paid for compiling code (a path first taken late, such as a cached credential's
/// reload, is promoted to optimised code then), which is start-up cost, not a request's. The audit events
/// the gateway dropped (<c>gateway_audit_events_dropped_total</c>, every reason) say whether its audit writer kept up
/// with the load, which a run must not trade for speed. A scrape allocates a few hundred kilobytes itself, about 0.1 %
/// of a round's allocations.
/// </summary>
public sealed class GatewayRuntimeCounters(HttpClient http)
{
    /// <summary>The series the bridged allocation counter is published as (bytes).</summary>
    public const string AllocatedSeries = "system_runtime_dotnet_gc_heap_total_allocated";

    /// <summary>The series the bridged GC pause counter is published as (seconds).</summary>
    public const string PauseSeries = "system_runtime_dotnet_gc_pause_time";

    /// <summary>The series the bridged JIT time counter is published as (seconds the JIT compiler has spent compiling, every thread).</summary>
    public const string JitSeries = "system_runtime_dotnet_jit_compilation_time";

    /// <summary>prometheus-net's collection count of generation 2.</summary>
    public const string Gen2Series = "dotnet_collection_count_total{generation=\"2\"}";

    /// <summary>The gateway's dropped audit events, one series per reason (summed).</summary>
    public const string AuditDroppedSeries = "gateway_audit_events_dropped_total";

    /// <summary>The counters of the gateway whose metrics are at <paramref name="metricsUrl"/>; <c>null</c> when it cannot be read.</summary>
    public async Task<RuntimeCounterSnapshot?> ReadAsync(string metricsUrl)
    {
        try
        {
            using var response = await http.GetAsync(metricsUrl);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            return Parse(await response.Content.ReadAsStringAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The counters in Prometheus text <paramref name="text"/>; each <c>null</c> when absent.</summary>
    public static RuntimeCounterSnapshot Parse(string text) =>
        new(Value(text, AllocatedSeries), Value(text, PauseSeries), Value(text, Gen2Series), Sum(text, AuditDroppedSeries), Value(text, JitSeries));

    // Every series of the metric (any labels) added up; null when there is none.
    private static double? Sum(string text, string metric)
    {
        double? sum = null;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length
                || (line[metric.Length] != '{' && line[metric.Length] != ' '))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }

    private static double? Value(string text, string series)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal)
                && double.TryParse(line[(series.Length + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
