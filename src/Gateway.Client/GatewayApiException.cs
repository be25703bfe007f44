using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Gateway.Client;

/// <summary>
/// A gateway call answered with an error: the <c>application/problem+json</c> body's <see cref="Code"/>,
/// <see cref="Detail"/> and <see cref="TraceId"/> with the HTTP <see cref="Status"/>. An answer that is not a
/// problem (a proxy in between, an upstream's own error) gets <see cref="UnexpectedResponseCode"/>. The message is the
/// detail, which the gateway never fills with a secret.
/// </summary>
public sealed class GatewayApiException : Exception
{
    /// <summary>The <see cref="Code"/> of an error answer that was not a gateway problem body.</summary>
    public const string UnexpectedResponseCode = "unexpected_response";

    /// <summary>Creates the exception.</summary>
    public GatewayApiException(int status, string code, string detail, string? title = null, string? traceId = null,
        IReadOnlyDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        Status = status;
        Code = code;
        Detail = detail;
        Title = title;
        TraceId = traceId;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>The HTTP status code, e.g. 404.</summary>
    public int Status { get; }

    /// <summary>The problem's machine-readable code, e.g. <c>not_found</c>, or <see cref="UnexpectedResponseCode"/>.</summary>
    public string Code { get; }

    /// <summary>The problem's human-readable detail.</summary>
    public string Detail { get; }

    /// <summary>The problem's title; <c>null</c> when absent.</summary>
    public string? Title { get; }

    /// <summary>The gateway's trace id for this request; <c>null</c> when absent.</summary>
    public string? TraceId { get; }

    /// <summary>Per-field validation messages (<c>validation_failed</c>); empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>Reads the error from <paramref name="response"/>, which must not be a success.</summary>
    public static async Task<GatewayApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (IsJson(response.Content.Headers.ContentType) && TryParseProblem(status, text, out var problem))
        {
            return problem;
        }

        return new GatewayApiException(status, UnexpectedResponseCode,
            $"HTTP {status} {ReasonPhrase(response)} without a gateway problem body.");
    }

    private static bool TryParseProblem(int status, string text, out GatewayApiException problem)
    {
        problem = null!;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToArray()
                        : [];
                }
            }

            problem = new GatewayApiException(status, code.GetString()!, String(root, "detail") ?? String(root, "title") ?? $"HTTP {status}",
                String(root, "title"), String(root, "traceId"), errors);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string ReasonPhrase(HttpResponseMessage response) =>
        response.ReasonPhrase is { Length: > 0 } reason ? reason : ((HttpStatusCode)(int)response.StatusCode).ToString();
}
