using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// A fresh gateway (no traffic yet; accounts in SQLite, nonces in Redis) already exports every series the dashboard and the alert rules select, with its
/// label matchers, at 0 for counters; and every dashboard query is scoped by the <c>job</c> and <c>instance</c>
/// template variables.
/// </summary>
public sealed partial class FreshMetricsTests(UpstreamFixture upstream) : IClassFixture<UpstreamFixture>
{
    private static List<(string Source, string Expression)> Queries()
    {
        var queries = new List<(string, string)>();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("deploy", "grafana", "gateway-dashboard.json")));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                queries.Add(("dashboard: " + panel.GetProperty("title").GetString(), target.GetProperty("expr").GetString()!));
            }
        }

        var alerts = File.ReadAllText(RepositoryFiles.Path("deploy", "prometheus", "alerts.yml"));
        foreach (Match match in AlertExpression().Matches(alerts))
        {
            queries.Add(("alert: " + match.Groups["name"].Value, match.Groups["expr"].Value));
        }

        return queries;
    }

    [Fact]
    public async Task EverySelectedSeries_ExistsOnAFreshGateway()
    {
        // Nonces in Redis, accounts in SQLite: both store label values of the alert rules exist.
        await using var redis = await RedisServer.LaunchAsync();
        await using var gateway = await GatewayHost.StartAsync(upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Redis:Configuration"] = redis.Configuration,
            ["Gateway:Replay:Store"] = "redis",
        });
        var scrape = await PrometheusScrape.ReadAsync(gateway.Status);
        var selectors = Queries().SelectMany(q => Selector().Matches(q.Expression).Select(m => (q.Source, Match: m))).ToList();
        Assert.True(selectors.Count >= 20, $"only {selectors.Count} selectors found");

        foreach (var (source, match) in selectors)
        {
            var name = match.Groups["name"].Value;
            var matchers = Matcher().Matches(match.Groups["labels"].Value)
                .Where(m => m.Groups["label"].Value is not ("job" or "instance"))
                .ToList();
            var present = scrape.Samples.Keys.Any(series =>
                (series == name || series.StartsWith(name + "{", StringComparison.Ordinal))
                && matchers.All(m => Labels(series).TryGetValue(m.Groups["label"].Value, out var value)
                    && (m.Groups["op"].Value == "=" ? value == m.Groups["value"].Value : Regex.IsMatch(value, "^(?:" + m.Groups["value"].Value + ")$"))));
            Assert.True(present, $"{source}: no series {match.Value} on a fresh gateway");
        }

        Assert.Equal(0, scrape.Samples["gateway_audit_events_dropped_total{reason=\"queue_full\"}"]);
        Assert.Equal(0, scrape.Samples["gateway_store_errors_total{store=\"sqlite\",operation=\"find_credential\"}"]);
        Assert.Equal(0, scrape.Samples["gateway_replay_rejections_total{scheme=\"rfc9421\"}"]);
        Assert.Equal(0, scrape.Samples["gateway_authentication_total{scheme=\"aws-sigv4\",result=\"failure\",reason=\"replayed_request\"}"]);
        Assert.Equal(0, scrape.Samples["gateway_requests_total{route=\"echo\",outcome=\"5xx\"}"]);
        Assert.Equal(0, scrape.Samples["gateway_store_errors_total{store=\"redis\",operation=\"reserve_nonce\"}"]);
    }

    [Fact]
    public void EveryDashboardQuery_IsScopedByJobAndInstance()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("deploy", "grafana", "gateway-dashboard.json")));
        var variables = dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Contains("job", variables);
        Assert.Contains("instance", variables);

        foreach (var (source, expression) in Queries().Where(q => q.Source.StartsWith("dashboard", StringComparison.Ordinal)))
        {
            var selectors = Selector().Matches(expression).ToList();
            Assert.NotEmpty(selectors);
            Assert.All(selectors, s =>
            {
                Assert.True(s.Groups["labels"].Value.Contains("job=\"$job\"", StringComparison.Ordinal), $"{source}: {s.Value} lacks job=\"$job\"");
                Assert.True(s.Groups["labels"].Value.Contains("instance=~\"$instance\"", StringComparison.Ordinal), $"{source}: {s.Value} lacks instance=~\"$instance\"");
            });
        }
    }

    private static Dictionary<string, string> Labels(string series) =>
        Matcher().Matches(series).ToDictionary(m => m.Groups["label"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?<name>(?:gateway|process)_[a-z0-9_]+)(?:\{(?<labels>[^}]*)\})?")]
    private static partial Regex Selector();

    [GeneratedRegex("(?<label>[a-z_]+)\\s*(?<op>=~|=)\\s*\"(?<value>[^\"]*)\"")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"- alert: (?<name>\S+)\s+(?:#[^\n]*\n\s+)*expr: \|?\s*(?<expr>(?:.(?!\n\s+for:|\n\s+labels:))*.)", RegexOptions.Singleline)]
    private static partial Regex AlertExpression();
}
