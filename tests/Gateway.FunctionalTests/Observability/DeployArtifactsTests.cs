using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Observability;

/// <summary>Every metric the Grafana dashboard and the alert rules query is exported by a running gateway.</summary>
public sealed partial class DeployArtifactsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "sum", "rate", "increase", "by", "le", "histogram_quantile", "clamp_min", "max", "and", "or", "unless", "without",
        "route", "outcome", "scheme", "result", "reason", "store", "operation", "kind", "instance", "job", "failure",
        "gateway", "__rate_interval",
    };

    public static IEnumerable<object[]> Queries()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("deploy", "grafana", "gateway-dashboard.json")));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                yield return ["dashboard: " + panel.GetProperty("title").GetString(), target.GetProperty("expr").GetString()!];
            }
        }

        var alerts = File.ReadAllText(RepositoryFiles.Path("deploy", "prometheus", "alerts.yml"));
        foreach (Match match in AlertExpr().Matches(alerts))
        {
            yield return ["alert: " + match.Groups["name"].Value, match.Groups["expr"].Value];
        }
    }

    [Fact]
    public void Artifacts_HaveQueries()
    {
        var queries = Queries().ToList();
        Assert.True(queries.Count(q => ((string)q[0]).StartsWith("dashboard", StringComparison.Ordinal)) >= 10);
        Assert.True(queries.Count(q => ((string)q[0]).StartsWith("alert", StringComparison.Ordinal)) >= 4);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task EveryQueriedMetric_IsExported(string source, string expression)
    {
        var scrape = await PrometheusScrape.ReadAsync(fixture.Gateway.Status);
        var metrics = MetricName().Matches(expression).Select(m => m.Value)
            .Where(name => !PromQlWords.Contains(name) && name.Contains('_'))
            .Select(name => Regex.Replace(name, "_(bucket|sum|count)$", ""))
            .Distinct()
            .ToList();
        Assert.NotEmpty(metrics);
        foreach (var metric in metrics)
        {
            Assert.True(scrape.Names.Contains(metric), $"{source}: '{metric}' is not exported by the gateway");
        }
    }

    [GeneratedRegex(@"\b[a-z_][a-z0-9_]*\b(?=\s*[\{\[\)]|\s*$|\s*/|\s*>|\s+and|\s*\+)", RegexOptions.Multiline)]
    private static partial Regex MetricName();

    [GeneratedRegex(@"- alert: (?<name>\S+)\s+(?:#[^\n]*\n\s+)*expr: \|?\s*(?<expr>(?:.(?!\n\s+for:|\n\s+labels:))*.)", RegexOptions.Singleline)]
    private static partial Regex AlertExpr();
}
