using System.Globalization;
using System.Text;

namespace Gateway.Cli.Output;

/// <summary>How values appear in tables: UTC times to the second, lists comma-separated, <c>-</c> for nothing.</summary>
public static class Display
{
    /// <summary>What an absent value shows as.</summary>
    public const string None = "-";

    /// <summary><c>2026-11-22T23:40:40Z</c>, or <see cref="None"/>.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    /// <summary>Comma-separated items, or <see cref="None"/>.</summary>
    public static string List(IEnumerable<string>? values) =>
        values is not null && string.Join(",", values) is { Length: > 0 } joined ? joined : None;

    /// <summary>The text, or <see cref="None"/> when empty.</summary>
    public static string Text(string? value) => string.IsNullOrEmpty(value) ? None : value;

    /// <summary>Replaces control characters (which could drive the terminal) with <c>?</c>.</summary>
    public static string Safe(string value)
    {
        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
