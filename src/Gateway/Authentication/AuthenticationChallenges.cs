namespace Gateway.Authentication;

/// <summary>The <c>WWW-Authenticate</c> values of a 401, one per registered scheme, in registration order.</summary>
public sealed class AuthenticationChallenges(IEnumerable<AuthenticationChallenge> challenges)
{
    /// <summary>The challenges.</summary>
    public string[] Values { get; } = [.. challenges.Select(c => c.Value)];
}
