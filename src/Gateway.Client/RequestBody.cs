namespace Gateway.Client;

/// <summary>
/// Reads a request's content so it can be hashed, and replaces it with an equivalent buffered
/// <see cref="ByteArrayContent"/> (same headers) so the request can still be sent.
/// </summary>
internal static class RequestBody
{
    /// <summary>Returns the body bytes, or <see langword="null"/> when the request has no content.</summary>
    public static async Task<byte[]?> BufferAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not { } content)
        {
            return null;
        }

        var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Replace(request, content, body);
        return body;
    }

    /// <summary>Synchronous counterpart of <see cref="BufferAsync"/> for <see cref="HttpClient.Send(HttpRequestMessage)"/>.</summary>
    public static byte[]? Buffer(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not { } content)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        content.ReadAsStream(cancellationToken).CopyTo(buffer);
        var body = buffer.ToArray();
        Replace(request, content, body);
        return body;
    }

    private static void Replace(HttpRequestMessage request, HttpContent original, byte[] body)
    {
        var replacement = new ByteArrayContent(body);
        foreach (var header in original.Headers.NonValidated)
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        request.Content = replacement;
        original.Dispose();
    }
}
