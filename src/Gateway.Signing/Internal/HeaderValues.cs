using Microsoft.Extensions.Primitives;

namespace Gateway.Signing.Internal;

/// <summary>Helpers for reading header values from an <see cref="ISignableRequest"/>.</summary>
internal static class HeaderValues
{
    /// <summary>Joins every field line into one string with <c>", "</c> (used to combine structured fields).</summary>
    public static string? Combine(ISignableRequest request, string name) =>
        request.TryGetHeader(name, out var values) ? Combine(values) : null;

    /// <summary>Joins field lines with <c>", "</c>; <see langword="null"/> when there are none.</summary>
    public static string? Combine(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(", ", (IEnumerable<string?>)values),
    };

    /// <summary>True when any character is CR, LF or NUL, which must never reach a signature base.</summary>
    public static bool ContainsLineBreak(ReadOnlySpan<char> value) => value.IndexOfAny('\r', '\n', '\0') >= 0;
}
