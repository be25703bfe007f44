namespace Gateway.IdentityToken;

/// <summary>The answer of <c>GET /v1/identity-token/keys</c> and of a rotation.</summary>
/// <param name="Keys">Every published key: active first, then next, then retired (newest first).</param>
public sealed record IdentityKeyList(IReadOnlyList<IdentityKeyView> Keys)
{
    /// <summary>The list of <paramref name="set"/>.</summary>
    public static IdentityKeyList From(IdentityKeySet set) => new(set.Keys
        .OrderBy(k => k.State switch { SigningKeyState.Active => 0, SigningKeyState.Next => 1, _ => 2 })
        .ThenByDescending(k => k.CreatedAt)
        .Select(IdentityKeyView.From)
        .ToArray());
}
