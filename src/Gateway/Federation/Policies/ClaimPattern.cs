namespace Gateway.Federation.Policies;

/// <summary>
/// A claim condition's value: exact unless it contains <c>*</c> (any run of characters, <c>/</c> included, possibly
/// empty) or <c>?</c> (exactly one character). Matching is ordinal and case-sensitive, on the whole claim value.
/// </summary>
public static class ClaimPattern
{
    /// <summary>Whether <paramref name="pattern"/> has a wildcard.</summary>
    public static bool IsGlob(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>The characters before the first wildcard (the whole pattern when exact).</summary>
    public static string LiteralPrefix(string pattern)
    {
        var index = pattern.AsSpan().IndexOfAny('*', '?');
        return index < 0 ? pattern : pattern[..index];
    }

    /// <summary>Number of non-wildcard characters.</summary>
    public static int LiteralLength(string pattern) => pattern.Length - pattern.Count(c => c is '*' or '?');

    /// <summary>Whether <paramref name="value"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string value)
    {
        if (!IsGlob(pattern))
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        // Iterative glob with single backtracking point: linear in practice, never exponential.
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]) && pattern[p] != '*')
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
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
