using System.Collections.Immutable;
using Gateway.Signing;
using Gateway.Signing.SigV4;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// Builds AWS SigV4 signed requests with the signing library over the parts exactly as HttpClient will send them to
/// <paramref name="gateway"/>, as <see cref="WireRequest"/>s that a test can alter after signing.
/// </summary>
public sealed class SigV4RequestSigner(Uri gateway, string keyId, string secret, TimeProvider? time = null)
{
    /// <summary>
    /// Signs a request with <c>X-Amz-Date</c> = <paramref name="date"/> (default now) and, unless
    /// <paramref name="sendPayloadHash"/> is false, <c>X-Amz-Content-Sha256</c> = <paramref name="payloadHash"/>
    /// (default: the SHA-256 of the body), which is then signed too.
    /// </summary>
    public WireRequest Sign(
        string method,
        string pathAndQuery,
        byte[]? body = null,
        string? payloadHash = null,
        bool sendPayloadHash = true,
        DateTimeOffset? date = null,
        string region = SigV4Constants.DefaultRegion,
        string service = SigV4Constants.DefaultService)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        var query = question < 0 ? "" : pathAndQuery[question..];
        var hash = payloadHash ?? SigV4Payload.ComputeHash(body ?? []);
        var headers = ImmutableList.Create((SigV4Constants.AmzDateHeader, SigV4Signer.FormatAmzDate(date ?? (time ?? TimeProvider.System).GetUtcNow())));
        if (sendPayloadHash)
        {
            headers = headers.Add((SigV4Constants.ContentSha256Header, hash));
        }

        var unsigned = new WireRequest(method, gateway.Authority, path, query, headers, body);
        var signable = new SignableRequest(method, "http", unsigned.Authority, path, query);
        foreach (var (name, value) in headers)
        {
            signable.AddHeader(name, value);
        }

        var authorization = SigV4Signer.CreateAuthorization(
            signable,
            new SigV4SigningParameters { AccessKeyId = keyId, Secret = secret, Region = region, Service = service },
            hash);
        return unsigned.WithHeader(SigV4Constants.AuthorizationHeader, authorization);
    }
}
