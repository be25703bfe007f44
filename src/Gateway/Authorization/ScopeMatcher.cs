namespace Gateway.Authorization;

/// <summary>
/// Matches granted scope patterns against required scopes (<c>resource:action</c>). A <c>*</c> in a pattern matches
/// any run of characters, so <c>*</c> grants everything, <c>*:read</c> any read and <c>billing:*</c> anything on
/// billing. One exception protects administration: the reserved <c>gateway.</c> resources are granted only by the
/// bare <c>*</c> or by a pattern whose resource itself starts with <c>gateway.</c> — <c>*:read</c> lets a
/// pipeline read platform APIs, not list every service account.
/// </summary>
public static class ScopeMatcher
{
    /// <summary>Resource prefix reserved for gateway administration scopes.</summary>
    public const string ReservedResourcePrefix = "gateway.";

    /// <summary><c>true</c> when any of <paramref name="granted"/> covers <paramref name="required"/>.</summary>
    public static bool IsGranted(IReadOnlyList<string> granted, string required)
    {
        for (var i = 0; i < granted.Count; i++) // by index: no enumerator boxed per check
        {
            if (Matches(granted[i], required))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first of <paramref name="required"/> that none of <paramref name="granted"/> covers; <c>null</c> when all are covered.</summary>
    public static string? FirstMissing(IReadOnlyList<string> granted, IReadOnlyList<string> required)
    {
        for (var i = 0; i < required.Count; i++)
        {
            if (!IsGranted(granted, required[i]))
            {
                return required[i];
            }
        }

        return null;
    }

    /// <summary><c>true</c> when <paramref name="pattern"/> covers <paramref name="scope"/>.</summary>
    public static bool Matches(string pattern, string scope)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (scope.StartsWith(ReservedResourcePrefix, StringComparison.Ordinal)
            && !pattern.StartsWith(ReservedResourcePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        return Glob(pattern, scope);
    }

    /// <summary><c>true</c> when <paramref name="scope"/> is a well-formed scope or scope pattern.</summary>
    public static bool IsValidPattern(string scope)
    {
        if (scope == "*")
        {
            return true;
        }

        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == scope.Length - 1 || scope.IndexOf(':', colon + 1) >= 0 || scope.Length > 128)
        {
            return false;
        }

        foreach (var c in scope)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '*' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
