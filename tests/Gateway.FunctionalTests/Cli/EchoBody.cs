using System.Text.Json;

namespace Gateway.FunctionalTests.Cli;

/// <summary>The echo upstream's answer as gatewayctl printed it.</summary>
public sealed record EchoBody(JsonElement Root)
{
    public static EchoBody Parse(string stdout) => new(JsonDocument.Parse(stdout).RootElement.Clone());

    public string Method => Root.GetProperty("method").GetString()!;

    public string Path => Root.GetProperty("path").GetString()!;

    public string Query => Root.GetProperty("query").GetString() ?? "";

    public string Body => Root.GetProperty("body").GetString()!;

    /// <summary>The header's values joined by commas, or <c>null</c> when the upstream did not receive it.</summary>
    public string? Header(string name) => Root.GetProperty("headers").EnumerateObject()
        .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        .Select(p => string.Join(",", p.Value.EnumerateArray().Select(v => v.GetString())))
        .FirstOrDefault();
}
