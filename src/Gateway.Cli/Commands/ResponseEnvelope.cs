using System.Text.Json;

namespace Gateway.Cli.Commands;

/// <summary>The JSON output of <c>request</c>: the status, response headers (lower-case names) and body.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Headers">Response and content headers.</param>
/// <param name="Body">The parsed body when the response is JSON, else the body as a string.</param>
public sealed record ResponseEnvelope(int Status, IReadOnlyDictionary<string, string[]> Headers, JsonElement Body);
