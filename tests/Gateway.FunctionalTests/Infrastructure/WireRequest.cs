using System.Collections.Immutable;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// A request exactly as it will go on the wire — method, authority (the <c>Host</c> header), raw path and query,
/// header field lines and body — so a test can sign it, alter any one part with <c>with</c>, and send it as often as
/// it likes (an <see cref="HttpRequestMessage"/> can be sent only once).
/// </summary>
public sealed record WireRequest(
    string Method,
    string Authority,
    string Path,
    string Query,
    ImmutableList<(string Name, string Value)> Headers,
    byte[]? Body)
{
    /// <summary>The value of the first field line named <paramref name="name"/>, or <c>null</c>.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>This request with every field line of <paramref name="name"/> replaced by one with <paramref name="value"/>.</summary>
    public WireRequest WithHeader(string name, string value) => WithoutHeader(name) with
    {
        Headers = WithoutHeader(name).Headers.Add((name, value)),
    };

    /// <summary>This request without any field line named <paramref name="name"/>.</summary>
    public WireRequest WithoutHeader(string name) => this with
    {
        Headers = Headers.RemoveAll(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)),
    };

    /// <summary>
    /// A fresh message for <paramref name="baseAddress"/> (where the gateway listens). The <c>Host</c> header is
    /// <see cref="Authority"/>, so the authority can differ from the address connected to.
    /// </summary>
    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        var uri = new Uri(baseAddress, Path + Query);
        Assert.True(uri.PathAndQuery == Path + Query, $"HttpClient would send {uri.PathAndQuery}, not {Path + Query}");
        var message = new HttpRequestMessage(new HttpMethod(Method), uri);
        message.Headers.Host = Authority;
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                Assert.True(message.Content is not null, $"{name} is a content header; the request needs a body to carry it");
                Assert.True(message.Content.Headers.TryAddWithoutValidation(name, value), $"cannot add {name}: {value}");
            }
        }

        return message;
    }

    /// <summary>Sends a fresh copy of this request with <paramref name="client"/> (its base address is the gateway).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client)
    {
        using var message = ToMessage(client.BaseAddress!);
        return await client.SendAsync(message);
    }
}
