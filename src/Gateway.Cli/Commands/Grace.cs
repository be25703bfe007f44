using System.CommandLine;
using System.CommandLine.Parsing;
using System.Xml;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>--grace</c> of <c>sa key renew</c>: how long the old key keeps working, as a duration (<c>30m</c>, <c>1h</c>,
/// <c>1d</c>) or an ISO 8601 duration (<c>PT1H</c>).
/// </summary>
public static class Grace
{
    /// <summary>The option.</summary>
    public static Option<TimeSpan?> Option() => new("--grace")
    {
        Description = "Keep the old key working this long (30m, 1h, 1d or PT1H; at most Gateway:Keys:MaxRenewGrace), then revoke it.",
        CustomParser = Parse,
    };

    /// <summary>Parses the option's value; a parse error (exit code 1) for anything else.</summary>
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        if (text is { Length: > 1 } && text[0] == 'P')
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                // Reported below.
            }
        }
        else if (Expiry.TryParse(text, out var expiry) && expiry!.After is { } after)
        {
            return after;
        }

        result.AddError($"'{text}' is not a duration (30m, 1h, 1d, 2w or PT1H).");
        return null;
    }
}
