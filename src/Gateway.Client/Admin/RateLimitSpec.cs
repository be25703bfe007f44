using System.Globalization;

namespace Gateway.Client.Admin;

/// <summary>
/// A request rate of an account or key as the admin API shows it: exactly one of <see cref="RequestsPerSecond"/> or
/// <see cref="RequestsPerMinute"/>, and an optional <see cref="Burst"/>.
/// </summary>
public sealed record RateLimitSpec
{
    /// <summary>Requests per second.</summary>
    public int? RequestsPerSecond { get; init; }

    /// <summary>Requests per minute.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Requests that may arrive back to back (default: the window's count).</summary>
    public int? Burst { get; init; }

    /// <summary>Parses <c>N/s</c> or <c>N/min</c>; <c>null</c> when <paramref name="text"/> is neither.</summary>
    public static RateLimitSpec? Parse(string text, int? burst)
    {
        var parts = text.Split('/', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        return parts[1] switch
        {
            "s" or "sec" or "second" => new RateLimitSpec { RequestsPerSecond = count, Burst = burst },
            "min" or "minute" => new RateLimitSpec { RequestsPerMinute = count, Burst = burst },
            _ => null,
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        (RequestsPerSecond is { } s ? $"{s}/s" : $"{RequestsPerMinute}/min") + (Burst is { } b ? $" (burst {b})" : "");
}
