using System.Text.Json;

namespace Gateway.Federation.Policies;

/// <summary>
/// Picks the policy a verified token acts under. A policy matches when its issuer equals the token's <c>iss</c>, its
/// audience is in the token's <c>aud</c>, and every condition matches the claim of that name (a string claim as is;
/// a number or boolean by its JSON text; an array when any element matches; a missing claim never matches).
/// Among matches the most specific wins: more conditions, then more of them exact (no wildcard), then more literal
/// characters across the patterns, then the older policy, then the smaller id — a total order, so the choice is
/// deterministic.
/// </summary>
public static class TrustPolicyMatcher
{
    /// <summary>The winning policy for <paramref name="claims"/>, or <c>null</c> when none matches.</summary>
    public static TrustPolicy? Select(IEnumerable<TrustPolicy> policies, string issuer, JsonElement claims)
    {
        TrustPolicy? best = null;
        foreach (var policy in policies)
        {
            if (Matches(policy, issuer, claims) && (best is null || Compare(policy, best) < 0))
            {
                best = policy;
            }
        }

        return best;
    }

    /// <summary>Whether <paramref name="policy"/> accepts a token of <paramref name="issuer"/> with <paramref name="claims"/>.</summary>
    public static bool Matches(TrustPolicy policy, string issuer, JsonElement claims)
    {
        if (!string.Equals(policy.Issuer, issuer, StringComparison.Ordinal) || !HasAudience(claims, policy.Audience))
        {
            return false;
        }

        foreach (var (claim, pattern) in policy.Conditions)
        {
            if (!claims.TryGetProperty(claim, out var value) || !ValueMatches(pattern, value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Negative when <paramref name="a"/> is more specific than <paramref name="b"/>.</summary>
    public static int Compare(TrustPolicy a, TrustPolicy b)
    {
        var (aExact, aGlob, aLiteral) = Specificity(a);
        var (bExact, bGlob, bLiteral) = Specificity(b);
        var order = (bExact + bGlob).CompareTo(aExact + aGlob);
        order = order != 0 ? order : bExact.CompareTo(aExact);
        order = order != 0 ? order : bLiteral.CompareTo(aLiteral);
        order = order != 0 ? order : a.CreatedAt.CompareTo(b.CreatedAt);
        return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
    }

    private static (int Exact, int Glob, int Literal) Specificity(TrustPolicy policy)
    {
        int exact = 0, glob = 0, literal = 0;
        foreach (var pattern in policy.Conditions.Values)
        {
            if (ClaimPattern.IsGlob(pattern))
            {
                glob++;
            }
            else
            {
                exact++;
            }

            literal += ClaimPattern.LiteralLength(pattern);
        }

        return (exact, glob, literal);
    }

    private static bool HasAudience(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return aud.ValueEquals(audience);
        }

        return aud.ValueKind == JsonValueKind.Array
            && aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.ValueEquals(audience));
    }

    private static bool ValueMatches(string pattern, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ClaimPattern.Matches(pattern, value.GetString()!),
        JsonValueKind.Number => ClaimPattern.Matches(pattern, value.GetRawText()),
        JsonValueKind.True => ClaimPattern.Matches(pattern, "true"),
        JsonValueKind.False => ClaimPattern.Matches(pattern, "false"),
        JsonValueKind.Array => value.EnumerateArray().Any(e => e.ValueKind is not JsonValueKind.Array && ValueMatches(pattern, e)),
        _ => false,
    };

    /// <summary>The claim's value as text for audit (strings only), or <c>null</c>.</summary>
    public static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
