using Gateway.Audit;

namespace Gateway.IdentityToken;

/// <summary>The answer of <c>GET /v1/identity-token/keys</c> and of a rotation.</summary>
/// <param name="Keys">Every published key: active first, then next, then retired (newest first).</param>
public sealed record IdentityKeyList(IReadOnlyList<IdentityKeyView> Keys) : IAuditTarget
{
    /// <summary>The active key, the target of a rotation's audit event.</summary>
    string IAuditTarget.AuditTarget => Keys.FirstOrDefault(k => k.State == "active")?.Kid ?? "";

    /// <summary>The list of <paramref name="set"/>.</summary>
    public static IdentityKeyList From(IdentityKeySet set) => new(set.Keys
        .OrderBy(k => k.State switch { SigningKeyState.Active => 0, SigningKeyState.Next => 1, _ => 2 })
        .ThenByDescending(k => k.CreatedAt)
        .Select(IdentityKeyView.From)
        .ToArray());
}
