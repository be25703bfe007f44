using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using Gateway.Signing;
using Gateway.Signing.Digests;
using Gateway.Signing.Rfc9421;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// Builds RFC 9421 <c>hmac-sha256</c> signed requests with the signing library, over the parts exactly as HttpClient
/// will send them to <paramref name="gateway"/> (authority <c>host:port</c>, raw path and query), and tampers with a
/// signed request afterwards: any wire part through <see cref="WireRequest"/>, and a single <c>Signature-Input</c>
/// parameter through <see cref="WithSignatureParameter"/>.
/// </summary>
public sealed class Rfc9421RequestSigner(Uri gateway, string keyId, string secret, TimeProvider? time = null)
{
    public string KeyId => keyId;

    public string Secret => secret;

    /// <summary>The authority HttpClient sends for the gateway's address, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string Authority => gateway.Authority;

    /// <summary>
    /// Signs a request. Covered by default: <c>@method</c>, <c>@authority</c>, <c>@path</c>, <c>@query</c> (when
    /// there is a query), <c>content-digest</c> (when there is a body; the header is added with
    /// <paramref name="digest"/>) and every name in <paramref name="signedHeaders"/>; <c>created</c> now, a fresh
    /// nonce, <c>keyid</c>, <c>alg="hmac-sha256"</c>. <paramref name="adjust"/> changes any signing parameter first.
    /// </summary>
    public WireRequest Sign(
        string method,
        string pathAndQuery,
        byte[]? body = null,
        IEnumerable<(string Name, string Value)>? headers = null,
        IEnumerable<string>? signedHeaders = null,
        ContentDigestAlgorithm digest = ContentDigestAlgorithm.Sha256,
        Func<Rfc9421SigningParameters, Rfc9421SigningParameters>? adjust = null)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        var query = question < 0 ? "" : pathAndQuery[question..];
        var lines = (headers ?? []).ToImmutableList();
        if (body is not null)
        {
            lines = lines.Add((ContentDigest.HeaderName, ContentDigest.Create(body, digest)));
        }

        var components = new List<string> { Rfc9421Components.Method, Rfc9421Components.Authority, Rfc9421Components.Path };
        if (query.Length > 1)
        {
            components.Add(Rfc9421Components.Query);
        }

        if (body is not null)
        {
            components.Add(Rfc9421Components.ContentDigest);
        }

        components.AddRange(signedHeaders ?? []);
        var parameters = new Rfc9421SigningParameters
        {
            KeyId = keyId,
            Components = components,
            Created = (time ?? TimeProvider.System).GetUtcNow(),
            Nonce = NewNonce(),
        };
        parameters = adjust?.Invoke(parameters) ?? parameters;

        var unsigned = new WireRequest(method, Authority, path, query, lines, body);
        var signed = Rfc9421Signer.Sign(ToSignable(unsigned), parameters, secret);
        return unsigned with
        {
            Headers = lines
                .Add((Rfc9421Constants.SignatureInputHeader, signed.SignatureInput))
                .Add((Rfc9421Constants.SignatureHeader, signed.Signature)),
        };
    }

    /// <summary>A fresh 128-bit base64url nonce, as the client library makes.</summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The request with one parameter of its (single) <c>Signature-Input</c> member set to the serialized
    /// <paramref name="value"/> (e.g. <c>1700000000</c> or <c>"abc"</c>), or removed when it is <c>null</c>;
    /// everything else, the <c>Signature</c> included, stays byte for byte as signed.
    /// </summary>
    public static WireRequest WithSignatureParameter(WireRequest request, string name, string? value)
    {
        var input = request.Header(Rfc9421Constants.SignatureInputHeader);
        Assert.NotNull(input);
        var close = input.IndexOf(')', StringComparison.Ordinal);
        Assert.True(close > 0, input);
        var parameters = input[(close + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = parameters.FindIndex(p => p.StartsWith(name + "=", StringComparison.Ordinal));
        if (value is null)
        {
            Assert.True(index >= 0, $"{input} has no {name} parameter");
            parameters.RemoveAt(index);
        }
        else if (index >= 0)
        {
            parameters[index] = name + "=" + value;
        }
        else
        {
            parameters.Add(name + "=" + value);
        }

        var changed = input[..(close + 1)] + string.Concat(parameters.Select(p => ";" + p));
        Assert.NotEqual(input, changed);
        return request.WithHeader(Rfc9421Constants.SignatureInputHeader, changed);
    }

    /// <summary>The Unix-seconds value of the request's <c>created</c> parameter.</summary>
    public static long CreatedOf(WireRequest request)
    {
        var input = request.Header(Rfc9421Constants.SignatureInputHeader)!;
        var start = input.IndexOf(";created=", StringComparison.Ordinal) + ";created=".Length;
        var end = input.IndexOf(';', start);
        return long.Parse(input[start..(end < 0 ? input.Length : end)], CultureInfo.InvariantCulture);
    }

    private static SignableRequest ToSignable(WireRequest request)
    {
        var signable = new SignableRequest(request.Method, "http", request.Authority, request.Path, request.Query);
        foreach (var (name, value) in request.Headers)
        {
            signable.AddHeader(name, value);
        }

        return signable;
    }
}
