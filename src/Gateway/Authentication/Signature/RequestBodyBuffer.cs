using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Authentication.Signature;

/// <summary>
/// Reads a request body for hashing, up to a limit, and leaves it rewound for the forwarder. Larger bodies are
/// refused without reading them to the end when Content-Length says so.
/// </summary>
public static class RequestBodyBuffer
{
    /// <summary><c>true</c> when the request may carry a body (Content-Length &gt; 0 or chunked).</summary>
    public static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    /// <summary>
    /// The body's bytes, or <c>null</c> when it exceeds <paramref name="maxBytes"/>. The request body stays
    /// readable from the start afterwards.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!HasBody(request))
        {
            return [];
        }

        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var chunk = new byte[16 * 1024];

        // The buffer may hold one chunk more than the limit, so the check below always fires before the buffer's own.
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: maxBytes + chunk.Length);
        using var copy = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                return null;
            }

            copy.Write(chunk, 0, read);
        }

        request.Body.Position = 0;
        return copy.ToArray();
    }
}
