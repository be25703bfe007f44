using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Errors;

namespace Gateway.Accounts;

/// <summary>
/// The <c>gracePeriod</c> of a renewal: an ISO 8601 duration of days, hours, minutes and seconds (<c>PT1H</c>,
/// <c>P1DT12H</c>, <c>PT90S</c>, <c>PT0.5S</c>). Years, months and weeks are refused: their length is ambiguous, and a
/// grace is short anyway (<c>Gateway:Keys:MaxRenewGrace</c>).
/// </summary>
public static partial class RenewalGrace
{
    /// <summary>The validation field name.</summary>
    public const string Field = "gracePeriod";

    /// <summary>
    /// The duration in <paramref name="value"/>; <see cref="TimeSpan.Zero"/> when absent. A malformed value is added
    /// to <paramref name="errors"/>.
    /// </summary>
    public static TimeSpan Parse(string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return TimeSpan.Zero;
        }

        if (TryParse(value, out var duration))
        {
            return duration;
        }

        errors.Add(Field, "Must be an ISO 8601 duration of days, hours, minutes and seconds, e.g. PT1H or P1DT12H.");
        return TimeSpan.Zero;
    }

    /// <summary>Parses an ISO 8601 duration of days, hours, minutes and (up to millisecond) seconds.</summary>
    public static bool TryParse(string value, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = value.Length <= 40 ? Duration().Match(value) : Match.Empty;
        if (!match.Success || value is "P" or "PT" || value.EndsWith('T'))
        {
            return false;
        }

        var days = Part(match, "d");
        var hours = Part(match, "h");
        var minutes = Part(match, "m");
        var seconds = match.Groups["s"].Success ? decimal.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0m;
        var total = (((days * 24m) + hours) * 60m + minutes) * 60m + seconds;
        if (total > 3_650m * 86_400m)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds((double)(total * 1000m));
        return true;
    }

    /// <summary>The ISO 8601 form of <paramref name="duration"/> for audit details and messages (<c>PT1H</c>).</summary>
    public static string Format(TimeSpan duration) => System.Xml.XmlConvert.ToString(duration);

    private static decimal Part(Match match, string group) =>
        match.Groups[group].Success ? decimal.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0m;

    [GeneratedRegex(@"^P(?:(?<d>\d{1,9})D)?(?:T(?:(?<h>\d{1,9})H)?(?:(?<m>\d{1,9})M)?(?:(?<s>\d{1,9}(?:\.\d{1,3})?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
