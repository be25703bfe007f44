using Microsoft.Extensions.Logging;

namespace Gateway.Authentication.Signature;

/// <summary>Log messages of the signed-request authenticator; they name key ids and schemes, never secrets or signatures.</summary>
public sealed partial class SignatureAuthenticator
{
    [LoggerMessage(EventId = EventIds.Authentication.SignatureInvalid, Level = LogLevel.Debug, Message = "Signed request with key {KeyId} ({Scheme}) did not verify")]
    private static partial void LogInvalid(ILogger logger, string keyId, string scheme);

    [LoggerMessage(EventId = EventIds.Authentication.SignatureReplayed, Level = LogLevel.Warning, Message = "Replayed signed request with key {KeyId} ({Scheme})")]
    private static partial void LogReplay(ILogger logger, string keyId, string scheme);

    [LoggerMessage(EventId = EventIds.Authentication.NonceStoreUnavailable, Level = LogLevel.Error, Message = "Nonce store unavailable while authenticating key {KeyId}; failing closed")]
    private static partial void LogNonceStoreUnavailable(ILogger logger, Exception exception, string keyId);

    [LoggerMessage(EventId = EventIds.Authentication.SecretUndecryptable, Level = LogLevel.Error,
        Message = "The secret of key {KeyId} cannot be decrypted: its master key is not in Gateway:Signing:MasterKeys")]
    private static partial void LogUndecryptable(ILogger logger, string keyId);
}
