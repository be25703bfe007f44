using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Gateway.AdminConsole;

/// <summary>The console's stylesheet and script, embedded in the gateway assembly and served from memory.</summary>
public static class ConsoleAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    /// <summary>Serves <c>/console/assets/{name}</c>; 404 for anything else.</summary>
    public static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file)
            ? Results.Bytes(file.Content, file.ContentType)
            : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("Gateway.AdminConsole.Assets." + name)
                ?? throw new InvalidOperationException($"Console asset {name} is not embedded.");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[name] = (memory.ToArray(), type);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
