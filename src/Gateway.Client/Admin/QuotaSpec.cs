using System.Globalization;

namespace Gateway.Client.Admin;

/// <summary>A request quota per UTC day or month: exactly one of <see cref="PerDay"/> or <see cref="PerMonth"/>.</summary>
public sealed record QuotaSpec
{
    /// <summary>Requests per UTC day.</summary>
    public long? PerDay { get; init; }

    /// <summary>Requests per UTC calendar month.</summary>
    public long? PerMonth { get; init; }

    /// <summary>Parses <c>N/day</c> or <c>N/month</c>; <c>null</c> when <paramref name="text"/> is neither.</summary>
    public static QuotaSpec? Parse(string text)
    {
        var parts = text.Split('/', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        return parts[1] switch
        {
            "day" or "d" => new QuotaSpec { PerDay = count },
            "month" or "mo" => new QuotaSpec { PerMonth = count },
            _ => null,
        };
    }

    /// <inheritdoc />
    public override string ToString() => PerDay is { } d ? $"{d}/day" : $"{PerMonth}/month";
}
