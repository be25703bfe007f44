using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Client;

/// <summary>
/// The JSON conventions of the gateway's bodies as the client reads and writes them: camelCase, nulls left out of
/// requests, unknown response members ignored (so a newer gateway does not break an older client).
/// </summary>
public static class ClientJson
{
    /// <summary>Shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 32,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
