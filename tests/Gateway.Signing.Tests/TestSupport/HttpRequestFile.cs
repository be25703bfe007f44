using System.Text;
using Gateway.Signing;

namespace Gateway.Signing.Tests.TestSupport;

/// <summary>
/// A minimal parser for the raw HTTP requests of the test vectors (.req, .sreq, .http): request line, header
/// lines (a line starting with whitespace continues the previous header as another value), blank line, body.
/// LF or CRLF line endings. Header values are kept raw (not trimmed) so that the library's trimming is exercised.
/// </summary>
internal sealed record HttpRequestFile(SignableRequest Request, byte[] Body, IReadOnlyList<string> HeaderNames)
{
    public static HttpRequestFile Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    public static HttpRequestFile Parse(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var requestLine = lines[0];
        var firstSpace = requestLine.IndexOf(' ');
        var versionStart = requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal);
        var method = requestLine[..firstSpace];
        var target = requestLine[(firstSpace + 1)..versionStart];
        var queryStart = target.IndexOf('?');
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? string.Empty : target[queryStart..];

        var headers = new List<(string Name, List<string> Values)>();
        var index = 1;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var line = lines[index];
            if (line[0] is ' ' or '\t')
            {
                headers[^1].Values.Add(line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            var name = line[..colon];
            var existing = headers.FindIndex(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
            if (existing >= 0)
            {
                headers[existing].Values.Add(line[(colon + 1)..]);
            }
            else
            {
                headers.Add((name, [line[(colon + 1)..]]));
            }
        }

        var body = index < lines.Length ? string.Join("\n", lines[(index + 1)..]) : string.Empty;
        var host = headers.First(h => string.Equals(h.Name, "Host", StringComparison.OrdinalIgnoreCase)).Values[0].Trim();
        var request = new SignableRequest(method, "https", host, path, query);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                request.AddHeader(name, value);
            }
        }

        return new HttpRequestFile(request, Encoding.UTF8.GetBytes(body), headers.Select(h => h.Name).ToList());
    }
}
