using System.Globalization;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>A parsed Prometheus text exposition: sample values by series, and the metric names that have HELP lines.</summary>
public sealed class PrometheusScrape
{
    private PrometheusScrape(string text, Dictionary<string, double> samples, HashSet<string> names)
    {
        Text = text;
        Samples = samples;
        Names = names;
    }

    public string Text { get; }

    /// <summary>Series (<c>name{a="b",c="d"}</c>, labels as exported) to value.</summary>
    public IReadOnlyDictionary<string, double> Samples { get; }

    /// <summary>Every metric family name announced with <c># HELP</c>.</summary>
    public IReadOnlySet<string> Names { get; }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient status)
    {
        var text = await status.GetStringAsync("/metrics");
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                names.Add(line.Split(' ')[2]);
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                var space = line.LastIndexOf(' ');
                samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return new PrometheusScrape(text, samples, names);
    }

    /// <summary>The value of a series, 0 when absent (a counter that has not moved yet).</summary>
    public double Value(string series) => Samples.TryGetValue(series, out var value) ? value : 0;

    /// <summary>The increase of a series from <paramref name="before"/> to this scrape.</summary>
    public double Delta(PrometheusScrape before, string series) => Value(series) - before.Value(series);
}
