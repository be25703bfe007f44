using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Cli.Config;
using Gateway.Cli.Signing;
using Gateway.Client;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gatewayctl request &lt;METHOD&gt; &lt;url&gt;</c>: a signing curl. HMAC profiles sign with RFC 9421 (or another
/// registered scheme with <c>--scheme</c>, see <see cref="CliSigningSchemes"/>; <c>--sigv4</c> for SigV4); bearer
/// profiles send their API key. Prints the response body; the exit code follows the status.
/// </summary>
public static class RequestCommand
{
    private static readonly string[] ContentHeaders =
        ["Content-Type", "Content-Language", "Content-Encoding", "Content-Disposition", "Content-Location", "Content-MD5", "Content-Range", "Expires", "Last-Modified", "Allow"];

    /// <summary>The <c>request</c> command.</summary>
    public static Command Create(CommandSetup setup)
    {
        var method = new Argument<string>("METHOD") { Description = "GET, POST, PUT, PATCH, DELETE, …" };
        var url = new Argument<string>("url") { Description = "An absolute URL, or a path (/echo/hello) below the profile's server." };
        var data = new Option<string?>("--data", "-d") { Description = "Request body; @file reads a file, @- reads stdin. Content-Type defaults to application/json.", HelpName = "body" };
        var headers = new Option<string[]>("--header", "-H") { Description = "An extra header, 'Name: value'; repeat for several.", HelpName = "header" };
        var schemes = CliSigningSchemes.Create();
        var command = new Command("request", "Send a request through the gateway with the profile's credential and print the response body.")
        {
            method, url, data, headers,
        };
        schemes.AddTo(command);
        method.Validators.Add(result =>
        {
            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (value.Length is 0 or > 16 || !value.All(char.IsAsciiLetter))
            {
                result.AddError($"'{value}' is not an HTTP method.");
            }
        });
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var (_, profile) = context.RequireProfile();
            var (signer, chosenBy) = schemes.Select(parse);
            if (chosenBy is not null && profile.CredentialKind != CredentialKinds.Hmac)
            {
                throw CliException.Usage($"{chosenBy} signs with an HMAC key, but this profile holds an API key.");
            }

            var client = context.Track(GatewayHttp.Create(new Uri(profile.Server), profile, context.Environment.Time, signer));
            using var request = new HttpRequestMessage(new HttpMethod(parse.GetValue(method)!.ToUpperInvariant()), Target(parse.GetValue(url)!, profile));
            if (parse.GetValue(data) is { } body)
            {
                request.Content = new ByteArrayContent(await ReadBodyAsync(context, body, cancellationToken));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            foreach (var header in parse.GetValue(headers) ?? [])
            {
                AddHeader(request, header);
            }

            using var response = await client.SendAsync(request, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var problem = response.IsSuccessStatusCode
                ? null
                : await GatewayApiException.FromResponseAsync(Replay(response, bytes), cancellationToken);
            WriteResponse(context, response, bytes, problem);
            if (problem is null)
            {
                return ExitCodes.Ok;
            }

            if (problem.Code == GatewayApiException.UnexpectedResponseCode)
            {
                context.Environment.Error.WriteLine($"error: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            else
            {
                CommandRunner.WriteProblem(context.Environment.Error, problem);
            }

            return ExitCodes.ForStatus((int)response.StatusCode);
        });
        return command;
    }

    private static Uri Target(string url, Profile profile)
    {
        if (url.StartsWith('/'))
        {
            return new Uri(GatewayHttp.WithTrailingSlash(new Uri(profile.Server)), url.TrimStart('/'));
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : throw CliException.Usage($"'{Output.Display.Safe(url)}' is neither an http(s) URL nor a path starting with '/'.");
    }

    private static async Task<byte[]> ReadBodyAsync(CliContext context, string data, CancellationToken cancellationToken)
    {
        if (data == "@-")
        {
            return Encoding.UTF8.GetBytes(await context.Environment.In.ReadToEndAsync(cancellationToken));
        }

        if (data.StartsWith('@'))
        {
            var path = data[1..];
            return File.Exists(path)
                ? await File.ReadAllBytesAsync(path, cancellationToken)
                : throw CliException.Usage($"--data {data}: no such file.");
        }

        return Encoding.UTF8.GetBytes(data);
    }

    private static void AddHeader(HttpRequestMessage request, string header)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        var name = colon > 0 ? header[..colon].Trim() : "";
        var value = colon > 0 ? header[(colon + 1)..].Trim() : "";
        if (name.Length == 0 || !name.All(c => c > ' ' && c < 127 && !"()<>@,;:\\\"/[]?={}".Contains(c)) || value.Any(char.IsControl))
        {
            throw CliException.Usage($"--header '{Output.Display.Safe(header)}' is not 'Name: value'.");
        }

        if (ContentHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            if (request.Content is null)
            {
                throw CliException.Usage($"--header {name} needs a body (--data).");
            }

            request.Content.Headers.Remove(name);
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
            {
                throw CliException.Usage($"--header {name}: the value is not valid.");
            }

            return;
        }

        if (!request.Headers.TryAddWithoutValidation(name, value))
        {
            throw CliException.Usage($"--header {name} cannot be set.");
        }
    }

    private static void WriteResponse(CliContext context, HttpResponseMessage response, byte[] bytes, GatewayApiException? problem)
    {
        var text = Encoding.UTF8.GetString(bytes);
        if (context.Output.IsJson)
        {
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToArray(), StringComparer.Ordinal);
            context.Output.Write(new ResponseEnvelope((int)response.StatusCode, headers, ParseJsonOrText(response, text)), () => "");
            return;
        }

        // A gateway problem goes to stderr as "error: …"; any other body is the result, printed as received.
        if (problem is null || problem.Code == GatewayApiException.UnexpectedResponseCode)
        {
            context.Output.Raw(text.Length == 0 || text.EndsWith('\n') ? text : text + "\n");
        }
    }

    private static JsonElement ParseJsonOrText(HttpResponseMessage response, string text)
    {
        var media = response.Content.Headers.ContentType?.MediaType ?? "";
        if (media.EndsWith("json", StringComparison.OrdinalIgnoreCase) && text.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON after all: returned as a string below.
            }
        }

        return JsonSerializer.SerializeToElement(text);
    }

    private static HttpResponseMessage Replay(HttpResponseMessage response, byte[] bytes)
    {
        var copy = new HttpResponseMessage(response.StatusCode) { ReasonPhrase = response.ReasonPhrase, Content = new ByteArrayContent(bytes) };
        foreach (var header in response.Content.Headers)
        {
            copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
