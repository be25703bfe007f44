namespace Gateway.Federation.Jose;

/// <summary>The issuer's discovery document or key set could not be fetched or read: the exchange answers 503.</summary>
public sealed class IssuerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
