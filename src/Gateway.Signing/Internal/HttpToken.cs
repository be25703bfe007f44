namespace Gateway.Signing.Internal;

/// <summary>RFC 9110 token checks for header field names.</summary>
internal static class HttpToken
{
    /// <summary>True when <paramref name="value"/> is a non-empty token without uppercase letters (a normalised field name).</summary>
    public static bool IsLowercaseToken(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9')
                or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
