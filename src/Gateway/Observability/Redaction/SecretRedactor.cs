using System.Text.RegularExpressions;

namespace Gateway.Observability.Redaction;

/// <summary>
/// Removes what could be a credential from text bound for a log line, a log scope or a trace attribute: gateway
/// tokens and secrets (<c>gwk_…</c>, <c>gws_…</c>) wherever they stand (a token misplaced in a path), every query
/// value (<c>?access_token=…</c>, <c>&amp;sig=…</c>) and the credential of a <c>Bearer</c>/<c>Basic</c> value.
/// Text without any of the markers is returned as is, without allocating.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What replaces a removed value.</summary>
    public const string Mask = "[redacted]";

    /// <summary><paramref name="text"/> with every possible credential replaced by <see cref="Mask"/>; the same instance when nothing was found.</summary>
    public static string Redact(string text)
    {
        if (!MayHoldSecret(text))
        {
            return text;
        }

        var redacted = TokenPattern().Replace(text, "$1" + Mask);
        redacted = QueryValuePattern().Replace(redacted, "$1" + Mask);
        redacted = AuthorizationPattern().Replace(redacted, "$1" + Mask);
        return string.Equals(redacted, text, StringComparison.Ordinal) ? text : redacted;
    }

    /// <summary><paramref name="value"/> redacted: a string as text, any other non-primitive through its text; untouched when clean.</summary>
    public static object? Redact(object? value)
    {
        switch (value)
        {
            case null or bool or int or long or double or float or decimal or short or byte or Enum or TimeSpan or DateTimeOffset or DateTime or Guid:
                return value;
            case string text:
                return Redact(text);
            default:
                var rendered = value.ToString();
                if (rendered is null)
                {
                    return value;
                }

                var redacted = Redact(rendered);
                return ReferenceEquals(redacted, rendered) ? value : redacted;
        }
    }

    private static bool MayHoldSecret(string text) =>
        text.Contains('?', StringComparison.Ordinal)
        || text.Contains("gwk_", StringComparison.Ordinal)
        || text.Contains("gws_", StringComparison.Ordinal)
        || text.Contains("Bearer", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Basic", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(gw[ks]_)[A-Za-z0-9_\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"([?&][^=&#\s'""?]{1,128}=)[^&#\s'""]+", RegexOptions.CultureInvariant)]
    private static partial Regex QueryValuePattern();

    [GeneratedRegex(@"(\b(?:Bearer|Basic)\s+)[^\s""',;]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationPattern();
}
