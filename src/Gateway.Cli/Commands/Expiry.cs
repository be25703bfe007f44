using System.CommandLine.Parsing;
using System.Globalization;

namespace Gateway.Cli.Commands;

/// <summary>
/// A key expiry as given on the command line: an RFC 3339 instant (<c>2027-06-01T00:00:00Z</c>, a date alone means
/// midnight UTC) or a duration from now (<c>90d</c>, <c>12h</c>, <c>30m</c>, <c>2w</c>).
/// </summary>
/// <param name="At">The instant, when one was given.</param>
/// <param name="After">The duration, when one was given.</param>
public sealed record Expiry(DateTimeOffset? At, TimeSpan? After)
{
    /// <summary>The help text of every <c>--expires</c> option.</summary>
    public const string Help = "When the key stops working: an RFC 3339 time (2027-06-01T00:00:00Z) or a duration from now (90d, 12h, 30m, 2w).";

    /// <summary>The instant this expiry names, durations counted from <paramref name="time"/>'s now.</summary>
    public DateTimeOffset Resolve(TimeProvider time) => At ?? time.GetUtcNow() + After!.Value;

    /// <summary>Parses <paramref name="text"/>; <c>false</c> when it is neither an instant nor a duration.</summary>
    public static bool TryParse(string? text, out Expiry? expiry)
    {
        expiry = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var unit = text[^1];
        if (unit is 'm' or 'h' or 'd' or 'w'
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is > 0 and <= 100_000)
        {
            expiry = new Expiry(null, unit switch
            {
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                'd' => TimeSpan.FromDays(count),
                _ => TimeSpan.FromDays(7 * count),
            });
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at))
        {
            expiry = new Expiry(at, null);
            return true;
        }

        return false;
    }

    /// <summary>The System.CommandLine parser of <c>--expires</c>: a parse error (exit code 1) for anything else.</summary>
    public static Expiry? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (TryParse(text, out var expiry))
        {
            return expiry;
        }

        result.AddError($"'{text}' is not a time (2027-06-01T00:00:00Z) or a duration (90d, 12h, 30m, 2w).");
        return null;
    }
}
