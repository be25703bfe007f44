using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Authentication.Signature;

/// <summary>The request being authenticated, as every signature scheme sees it.</summary>
/// <param name="Context">The HTTP context.</param>
/// <param name="Signable">The request as <c>Gateway.Signing</c> reads it (raw target, headers).</param>
/// <param name="Options">The signing settings in force (<c>Gateway:Signing</c>).</param>
public readonly record struct SignatureRequest(HttpContext Context, HttpRequestSignable Signable, SigningOptions Options)
{
    private static readonly Task<byte[]?> NoBody = Task.FromResult<byte[]?>([]);

    /// <summary>Whether the request has a body to bind.</summary>
    public bool HasBody => RequestBodyBuffer.HasBody(Context.Request);

    /// <summary>The body, buffered for the upstream (empty without one); <c>null</c> when larger than <see cref="SigningOptions.MaxBodyBytes"/>.</summary>
    public Task<byte[]?> ReadBodyAsync(bool hasBody) =>
        hasBody ? RequestBodyBuffer.ReadAsync(Context.Request, Options.MaxBodyBytes, Context.RequestAborted) : NoBody;

    /// <summary>The refusal of a body over <see cref="SigningOptions.MaxBodyBytes"/>.</summary>
    public SignatureProof TooLarge() =>
        SignatureProof.Failed(ErrorCodes.PayloadTooLarge, $"Signed request bodies are limited to {Options.MaxBodyBytes} bytes.");
}
