namespace Gateway.Errors;

/// <summary>
/// A start-up failure the gateway diagnosed itself: its message is already the one line an operator reads (what is
/// wrong, which setting or file, what to do).
/// </summary>
public sealed class GatewayStartupException(string message) : Exception(message);
