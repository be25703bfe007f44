using Gateway.Signing;

namespace Gateway.Signing.Tests.Client;

/// <summary>
/// The innermost handler of the client pipeline under test: records each request as a server would receive it
/// (method, scheme, Host, raw path and query, every header as one field line, body bytes) and answers 200.
/// </summary>
internal sealed class CapturingHandler : HttpMessageHandler
{
    public List<(SignableRequest Request, byte[] Body, bool HasContent)> Received { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Capture(request, body);
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        request.Content?.ReadAsStream(cancellationToken).CopyTo(buffer);
        Capture(request, buffer.ToArray());
        return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
    }

    private void Capture(HttpRequestMessage message, byte[] body)
    {
        var uri = message.RequestUri!;
        var host = message.Headers.Host ?? (uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port);
        var request = new SignableRequest(message.Method.Method, uri.Scheme, host, uri.AbsolutePath, uri.Query);
        request.AddHeader("Host", host);
        var headers = message.Headers.NonValidated.Concat(message.Content?.Headers.NonValidated ?? Enumerable.Empty<KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues>>());
        foreach (var header in headers)
        {
            request.AddHeader(header.Key, header.Value.ToString());
        }

        Received.Add((request, body, message.Content is not null));
    }
}
