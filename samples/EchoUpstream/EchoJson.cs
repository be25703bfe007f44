using System.Text.Json;

namespace EchoUpstream;

/// <summary>Indented camelCase JSON, easy to read in a terminal.</summary>
public static class EchoJson
{
    /// <summary>The serializer options of echo responses.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
