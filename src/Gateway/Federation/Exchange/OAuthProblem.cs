using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Federation.Exchange;

/// <summary>
/// The error answer of the token endpoint: <c>application/problem+json</c> (the gateway's convention: <c>type</c>,
/// <c>title</c>, <c>status</c>, <c>detail</c>, <c>code</c>, <c>traceId</c>) that also carries RFC 6749 §5.2's
/// <c>error</c> and <c>error_description</c>, so OAuth libraries read it too. A refused subject token is 401 (like
/// every refused credential of the gateway, with <c>WWW-Authenticate: Bearer realm="gateway", error="invalid_grant"</c>)
/// rather than RFC 6749's 400; a malformed request is 400, an unreachable issuer or store 503.
/// </summary>
public static class OAuthProblem
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="failure"/>.</summary>
    public static async Task WriteAsync(HttpContext context, ExchangeFailure failure)
    {
        var response = context.Response;
        response.StatusCode = failure.Status;
        response.ContentType = ProblemWriter.ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (failure.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = $"Bearer realm=\"gateway\", error=\"{failure.Error}\"";
        }
        else if (failure.Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "5";
        }

        await using var writer = new Utf8JsonWriter(response.Body, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "https://gateway.dev/problems/" + failure.Code.Replace('_', '-'));
        writer.WriteString("title", Title(failure));
        writer.WriteNumber("status", failure.Status);
        writer.WriteString("detail", failure.Detail);
        writer.WriteString("code", failure.Code);
        writer.WriteString("error", failure.Error);
        writer.WriteString("error_description", failure.Detail);
        writer.WriteString("traceId", ProblemWriter.TraceId(context));
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static string Title(ExchangeFailure failure) => failure.Code switch
    {
        FederationErrorCodes.InvalidSubjectToken => "Invalid subject token",
        FederationErrorCodes.NoMatchingPolicy => "No matching trust policy",
        FederationErrorCodes.UnsupportedGrantType => "Unsupported grant type",
        "invalid_scope" => "Invalid scope",
        "invalid_target" => "Invalid target",
        _ => ErrorTitles.For(failure.Code),
    };
}
