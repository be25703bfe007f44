using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Telemetry.TraceContext;
using Microsoft.AspNetCore.Http;

namespace Gateway.Errors;

/// <summary>
/// Writes <c>application/problem+json</c> bodies (RFC 9457) with the gateway's <c>code</c> and <c>traceId</c>
/// members. The detail is written as given: callers never put secrets in it.
/// </summary>
public static class ProblemWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The media type of every error body.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>Writes a problem unless the response has already started.</summary>
    public static async Task WriteAsync(
        HttpContext context,
        int status,
        string code,
        string detail,
        IReadOnlyDictionary<string, string[]>? errors = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-store";

        await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "https://gateway.dev/problems/" + code.Replace('_', '-'));
        writer.WriteString("title", ErrorTitles.For(code));
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        writer.WriteString("code", code);
        writer.WriteString("traceId", TraceId(context));
        if (errors is { Count: > 0 })
        {
            writer.WriteStartObject("errors");
            foreach (var (field, messages) in errors)
            {
                writer.WriteStartArray(field);
                foreach (var message in messages)
                {
                    writer.WriteStringValue(message);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>The request's W3C trace id: the current activity's, else the request's own trace context's.</summary>
    public static string TraceId(HttpContext context) => RequestTraceContext.TraceIdOf(context);
}
