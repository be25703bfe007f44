using System.Globalization;

namespace Gateway.LoadTests;

/// <summary>
/// Reads how many bytes a gateway has allocated on its managed heap so far, from its Prometheus <c>/metrics</c>: the
/// harness starts every gateway with the runtime's observable counter <c>System.Runtime/dotnet.gc.heap.total_allocated</c>
/// bridged (<c>Gateway:Metrics:Meters</c>), which the gateway reads only when scraped — nothing per request. Bytes per
/// request do not depend on how busy the machine is, unlike CPU time, so they tell a change's effect where CPU
/// rounds cannot. A scrape allocates a few hundred kilobytes itself, about 0.1 % of a round's allocations.
/// </summary>
public sealed class GatewayAllocations(HttpClient http)
{
    /// <summary>The series the bridged counter is published as.</summary>
    public const string Series = "system_runtime_dotnet_gc_heap_total_allocated";

    /// <summary>Bytes allocated so far by the gateway whose metrics are at <paramref name="metricsUrl"/>; <c>null</c> when it does not say.</summary>
    public async Task<double?> ReadAsync(string metricsUrl)
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

    /// <summary>The value of <see cref="Series"/> (without labels) in Prometheus text <paramref name="text"/>; <c>null</c> when absent.</summary>
    public static double? Parse(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(Series + " ", StringComparison.Ordinal)
                && double.TryParse(line[(Series.Length + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
