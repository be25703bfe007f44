using System.Text.Json;

namespace Gateway.FunctionalTests.Cli;

/// <summary>What one gatewayctl process did: exit code, stdout, stderr; with parsers for its table and JSON output.</summary>
public sealed record CliResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Asserts the exit code, showing everything the process printed when it differs.</summary>
    public CliResult AssertExit(int expected)
    {
        Assert.True(ExitCode == expected,
            $"gatewayctl {CommandLine}: expected exit code {expected}, got {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}");
        Assert.DoesNotContain("   at ", Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", Stderr, StringComparison.Ordinal);
        return this;
    }

    /// <summary>stdout parsed as JSON.</summary>
    public JsonElement Json()
    {
        try
        {
            return JsonDocument.Parse(Stdout).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"gatewayctl {CommandLine}: stdout is not JSON ({ex.Message}):\n{Stdout}");
        }
    }

    /// <summary>stdout as <c>Label:  value</c> lines (a single object in table format).</summary>
    public IReadOnlyDictionary<string, string> Fields() =>
        Lines().Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);

    /// <summary>stdout as a table: one dictionary per row, keyed by column header, cut at the header's column positions.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Table()
    {
        var lines = Lines();
        Assert.NotEmpty(lines);
        var header = lines[0];
        var starts = new List<int> { 0 };
        for (var i = 1; i < header.Length; i++)
        {
            if (header[i] != ' ' && header[i - 1] == ' ' && i >= 2 && header[i - 2] == ' ')
            {
                starts.Add(i);
            }
        }

        var names = starts.Select((s, i) => header[s..(i + 1 < starts.Count ? starts[i + 1] : header.Length)].Trim()).ToArray();
        return lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)names.Select((name, i) =>
        {
            var start = Math.Min(starts[i], line.Length);
            var end = i + 1 < starts.Count ? Math.Min(starts[i + 1], line.Length) : line.Length;
            return (name, value: line[start..end].Trim());
        }).ToDictionary(c => c.name, c => c.value, StringComparer.Ordinal)).ToList();
    }

    private List<string> Lines() => Stdout.Split('\n').Where(l => l.Length > 0).ToList();
}
