using System.Net.Sockets;
using System.Text;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>Sends bytes HttpClient refuses to send (non-ASCII header values) over a plain TCP connection.</summary>
public static class RawHttp
{
    /// <summary>Sends one HTTP/1.1 request with <c>Connection: close</c>; returns the status code and the raw response.</summary>
    public static async Task<(int Status, string Response)> SendAsync(Uri baseAddress, string method, string path, IEnumerable<(string Name, string Value)> headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = client.GetStream();
        var builder = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        builder.Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(builder.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
