using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// deploy/prometheus/alerts.yml passes <c>promtool check rules</c>, and its unit tests (alerts.test.yml, one per
/// alert) pass <c>promtool test rules</c>. promtool comes from the Debian package <c>prometheus</c> (test.sh installs it).
/// </summary>
public sealed partial class AlertRuleTests
{
    [Fact]
    public async Task Rules_PassPromtoolCheck()
    {
        var (exit, output, error) = await ChildProcess.RunAsync("promtool", "check", "rules", RepositoryFiles.Path("deploy", "prometheus", "alerts.yml"));

        Assert.True(exit == 0, output + error);
        Assert.Contains("SUCCESS", output + error);
    }

    [Fact]
    public async Task EveryAlert_HasAUnitTest_AndTheUnitTestsPass()
    {
        var rules = await File.ReadAllTextAsync(RepositoryFiles.Path("deploy", "prometheus", "alerts.yml"));
        var tests = await File.ReadAllTextAsync(RepositoryFiles.Path("deploy", "prometheus", "alerts.test.yml"));
        var alerts = AlertName().Matches(rules).Select(m => m.Groups[1].Value).ToList();
        var tested = TestedAlert().Matches(tests).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert => Assert.Contains(alert, tested));

        var (exit, output, error) = await ChildProcess.RunAsync("promtool", "test", "rules", RepositoryFiles.Path("deploy", "prometheus", "alerts.test.yml"));

        Assert.True(exit == 0, output + error);
        Assert.Contains("SUCCESS", output + error);
    }

    [GeneratedRegex(@"^\s*- alert: (\S+)", RegexOptions.Multiline)]
    private static partial Regex AlertName();

    [GeneratedRegex(@"^\s*alertname: (\S+)", RegexOptions.Multiline)]
    private static partial Regex TestedAlert();
}
