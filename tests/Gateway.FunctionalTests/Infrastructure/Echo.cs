using System.Text.Json;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>What the echo upstream received, parsed from its answer.</summary>
public sealed record Echo(string Method, string Path, string Query, IReadOnlyDictionary<string, string[]> Headers, string Body)
{
    public static async Task<Echo> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"expected the upstream's echo, got {(int)response.StatusCode}: {text}");
        var root = JsonDocument.Parse(text).RootElement;
        var headers = root.GetProperty("headers").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase);
        return new Echo(root.GetProperty("method").GetString()!, root.GetProperty("path").GetString()!,
            root.GetProperty("query").GetString() ?? "", headers, root.GetProperty("body").GetString()!);
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;
}
