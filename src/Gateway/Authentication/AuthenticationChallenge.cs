namespace Gateway.Authentication;

/// <summary>One <c>WWW-Authenticate</c> value a 401 advertises; each credential scheme registers its own.</summary>
/// <param name="Value">The challenge, e.g. <c>Bearer realm="gateway"</c>.</param>
public sealed record AuthenticationChallenge(string Value);
