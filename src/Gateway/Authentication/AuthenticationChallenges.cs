namespace Gateway.Authentication;

/// <summary>The <c>WWW-Authenticate</c> values of a 401, one per registered scheme, in registration order.</summary>
public sealed class AuthenticationChallenges(IEnumerable<AuthenticationChallenge> challenges)
{
    /// <summary>The challenges.</summary>
    public string[] Values { get; } = [.. challenges.Select(c => c.Value)];

    /// <summary>The authentication scheme each challenge names (its first token, e.g. <c>Bearer</c>), once each, in registration order.</summary>
    public string[] Schemes => [.. Values.Select(v => v.Split(' ', 2)[0]).Distinct(StringComparer.OrdinalIgnoreCase)];
}
