namespace Gateway.Errors;

/// <summary>
/// The account store could not be reached or did not answer in time (Redis down, failing over, timing out).
/// Authentication answers 503 <c>auth_unavailable</c>; the admin API answers the same, and a write that failed
/// this way left nothing visible behind.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
