using System.Globalization;

namespace Gateway.AdminConsole;

/// <summary>How the console writes times and lists: UTC, to the minute, "never" for none.</summary>
public static class ConsoleFormat
{
    /// <summary>E.g. <c>2026-11-30 01:17 UTC</c>; <paramref name="none"/> when null.</summary>
    public static string Time(DateTimeOffset? time, string none = "never") =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : none;

    /// <summary>E.g. <c>2026-11-30 01:17</c> (UTC, for table cells whose header says so); <paramref name="none"/> when null.</summary>
    public static string ShortTime(DateTimeOffset? time, string none = "never") =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : none;

    /// <summary>Comma-separated, or <paramref name="none"/> when empty.</summary>
    public static string List(IEnumerable<string> items, string none = "—")
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? none : text;
    }

    /// <summary>Splits a textarea or comma-separated field into trimmed, non-empty items.</summary>
    public static IReadOnlyList<string> Items(string? text) =>
        (text ?? "").Split([',', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>null</c> for an empty or blank field.</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
