using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Errors;
using Gateway.Serialization;
using Microsoft.AspNetCore.Http;

namespace Gateway.Admin;

/// <summary>
/// Reads admin request bodies: <c>application/json</c> only (415 otherwise), at most
/// <see cref="MaxBodyBytes"/> (413), unknown fields refused; every failure is a 4xx problem naming where it is.
/// </summary>
public static partial class AdminJsonReader
{
    /// <summary>Largest admin request body: 64 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Reads a required body of type <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class =>
        await ReadOptionalAsync<T>(request)
        ?? throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "A JSON body is required.");

    /// <summary>Reads a body of type <typeparamref name="T"/>, or <c>null</c> when the request has none.</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request) where T : class
    {
        using var document = await ReadDocumentAsync(request);
        if (document is null)
        {
            return null;
        }

        try
        {
            return document.RootElement.Deserialize<T>(GatewayJson.Options)
                ?? throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Invalid(ex);
        }
    }

    /// <summary>Parses the body as a JSON document (for PATCH), or <c>null</c> when there is none.</summary>
    public static async Task<JsonDocument?> ReadDocumentAsync(HttpRequest request)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw new GatewayProblemException(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                "Send the body as application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object.");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw Invalid(ex);
        }
    }

    private static GatewayProblemException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"Admin request bodies are limited to {MaxBodyBytes} bytes.");

    private static GatewayProblemException Invalid(JsonException ex)
    {
        var unknown = UnknownField().Match(ex.Message);
        var detail = unknown.Success
            ? $"Unknown field '{unknown.Groups[1].Value}'."
            : $"The body is not valid for this call at {ex.Path ?? "$"}" + (ex.LineNumber is { } line ? $" (line {line + 1})." : ".");
        return new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, detail);
    }

    [GeneratedRegex("The JSON property '([^']{1,64})' could not be mapped")]
    private static partial Regex UnknownField();
}
