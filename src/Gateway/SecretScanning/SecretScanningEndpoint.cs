using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Gateway.Errors;
using Gateway.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.SecretScanning;

/// <summary>
/// <c>POST /.gateway/secret-scanning/github</c> on the proxy listener, anonymous: GitHub's secret-scanning partner
/// call. In order: per-address rate limit (429), body size (413), signature over the raw body by a GitHub key (401),
/// report shape (400), then one answer per token (200, GitHub's feedback format). Unknown and malformed tokens are
/// false positives, never an error. Replays need no nonce: processing is idempotent (see docs/SECRET-SCANNING.md).
/// </summary>
public static class SecretScanningEndpoint
{
    /// <summary>The path GitHub is registered to call.</summary>
    public const string Path = "/.gateway/secret-scanning/github";

    /// <summary>The header naming the signing key.</summary>
    public const string KeyIdentifierHeader = "Github-Public-Key-Identifier";

    /// <summary>The header carrying the base64 DER ECDSA signature of the body.</summary>
    public const string SignatureHeader = "Github-Public-Key-Signature";

    /// <summary>The <c>WWW-Authenticate</c> challenge of a refused report.</summary>
    public const string Challenge = "GitHub-Signature realm=\"secret-scanning\"";

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { MaxDepth = 8 };

    /// <summary>Maps the endpoint (answering 404 while <c>Gateway:SecretScanning:Enabled</c> is false).</summary>
    public static void MapGatewaySecretScanning(this IEndpointRouteBuilder endpoints)
    {
        // Resolved now so that the counters are scraped at zero before the first report.
        endpoints.ServiceProvider.GetRequiredService<SecretScanningMetrics>();
        endpoints.MapPost(Path, HandleAsync)
            .AllowAnonymous()
            .WithMetadata(new ListenerMetadata(ListenerNames.Proxy));
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<SecretScanningOptions>>().Value;
        if (!options.Enabled)
        {
            throw new GatewayProblemException(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Secret scanning is not enabled on this gateway.");
        }

        var metrics = services.GetRequiredService<SecretScanningMetrics>();
        using var lease = services.GetRequiredService<SecretScanningRateLimiter>().Acquire(context);
        if (!lease.IsAcquired)
        {
            metrics.Reports.WithLabels("rate_limited").Inc();
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.RateLimitWindow;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await ProblemWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, SecretScanningCodes.RateLimited,
                "Too many secret-scanning reports from this address; retry later.");
            return;
        }

        var body = await ReadBodyAsync(context, options.MaxBodyBytes);
        if (body is null)
        {
            metrics.Reports.WithLabels("too_large").Inc();
            throw new GatewayProblemException(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                $"A report may be at most {options.MaxBodyBytes} bytes.");
        }

        if (await VerifySignatureAsync(context, body, services.GetRequiredService<GitHubPublicKeys>(), metrics) is { } refusal)
        {
            // 401 needs a challenge (RFC 9110): the scheme names what is expected, a GitHub key signature.
            context.Response.Headers.WWWAuthenticate = Challenge;
            await ProblemWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, SecretScanningCodes.InvalidSignature, refusal);
            return;
        }

        var items = Parse(body, options.MaxTokensPerReport, metrics);
        var feedback = await services.GetRequiredService<LeakedKeyRevoker>().ProcessAsync(items, context.RequestAborted);
        metrics.Reports.WithLabels("accepted").Inc();
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(feedback, ReportJson, context.RequestAborted);
    }

    /// <summary>The reason the signature is refused, or <c>null</c> when it verifies.</summary>
    private static async Task<string?> VerifySignatureAsync(HttpContext context, byte[] body, GitHubPublicKeys keys, SecretScanningMetrics metrics)
    {
        var keyId = context.Request.Headers[KeyIdentifierHeader].ToString();
        var signature = context.Request.Headers[SignatureHeader].ToString();
        if (keyId.Length is 0 or > 512 || signature.Length == 0)
        {
            metrics.Reports.WithLabels("bad_signature").Inc();
            return $"Both {KeyIdentifierHeader} and {SignatureHeader} are required.";
        }

        if (await keys.FindAsync(keyId, context.RequestAborted) is not { } key)
        {
            metrics.Reports.WithLabels("unknown_key").Inc();
            return "The report is signed with a key this gateway does not know.";
        }

        if (!SigningKeys.Verify(key, body, signature))
        {
            metrics.Reports.WithLabels("bad_signature").Inc();
            return "The report's signature does not verify.";
        }

        return null;
    }

    private static List<LeakReportItem> Parse(byte[] body, int maxTokens, SecretScanningMetrics metrics)
    {
        List<LeakReportItem>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<LeakReportItem>>(body, ReportJson);
        }
        catch (JsonException)
        {
            items = null;
        }

        if (items is null || items.Any(i => i is null || i.Token is null || i.Token.Length > 1024))
        {
            metrics.Reports.WithLabels("malformed").Inc();
            throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                "A report is a JSON array of {\"token\", \"type\", \"url\", \"source\"} objects.");
        }

        if (items.Count > maxTokens)
        {
            metrics.Reports.WithLabels("malformed").Inc();
            throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                $"A report may carry at most {maxTokens} tokens.");
        }

        return items;
    }

    /// <summary>The body, or <c>null</c> when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
