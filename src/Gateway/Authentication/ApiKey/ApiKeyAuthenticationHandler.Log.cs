using Microsoft.Extensions.Logging;

namespace Gateway.Authentication.ApiKey;

/// <summary>Log messages of the API key handler; they name key ids, never tokens.</summary>
public sealed partial class ApiKeyAuthenticationHandler
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "API key {KeyId} presented with an unknown id or a wrong secret")]
    private static partial void LogInvalid(ILogger logger, string keyId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "API key {KeyId} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string keyId, string code);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Credential store unavailable while authenticating key {KeyId}")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string keyId);
}
