namespace Gateway.Replay;

/// <summary>The nonce store could not answer (unreachable, timed out, or full): signed requests fail with 503.</summary>
public sealed class NonceStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
