using System.Net;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>A body of unknown length, so HttpClient sends it chunked, without a Content-Length.</summary>
public sealed class ChunkedContent(byte[] body) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < body.Length; offset += 256)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(256, body.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
