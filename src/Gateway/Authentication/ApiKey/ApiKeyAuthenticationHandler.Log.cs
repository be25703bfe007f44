using Microsoft.Extensions.Logging;

namespace Gateway.Authentication.ApiKey;

/// <summary>Log messages of the API key handler; they name key ids, never tokens.</summary>
public sealed partial class ApiKeyAuthenticationHandler
{
    [LoggerMessage(EventId = EventIds.Authentication.ApiKeyInvalid, Level = LogLevel.Debug, Message = "API key {KeyId} presented with an unknown id or a wrong secret")]
    private static partial void LogInvalid(ILogger logger, string keyId);
}
