using System.CommandLine;
using System.CommandLine.Parsing;
using Gateway.Client.Admin;

namespace Gateway.Cli.Commands;

/// <summary>
/// The <c>--rate</c>, <c>--burst</c> and <c>--quota</c> options of <c>sa create</c>, <c>sa update</c>,
/// <c>sa key create</c> and <c>sa key update</c>: <c>--rate 600/min --burst 50 --quota 10000/day</c>; on <c>sa update</c>, <c>none</c> removes one.
/// </summary>
public sealed class LimitOptions
{
    /// <summary>The value that removes a limit on <c>sa update</c>.</summary>
    public const string None = "none";

    /// <summary>Creates the options; <paramref name="allowNone"/> for <c>sa update</c>.</summary>
    public LimitOptions(bool allowNone)
    {
        var clear = allowNone ? "; 'none' removes it" : "";
        Rate = new Option<string?>("--rate")
        {
            Description = $"Request rate limit, e.g. 10/s or 600/min{clear}.",
            HelpName = "N/s|N/min",
        };
        Rate.Validators.Add(result => Check(result, allowNone, t => RateLimitSpec.Parse(t, null) is not null, "10/s or 600/min"));
        Burst = new Option<int?>("--burst") { Description = "Requests that may arrive back to back (default: the rate's count); needs --rate." };
        Quota = new Option<string?>("--quota")
        {
            Description = $"Request quota per UTC day or month, e.g. 10000/day or 1000000/month{clear}.",
            HelpName = "N/day|N/month",
        };
        Quota.Validators.Add(result => Check(result, allowNone, t => QuotaSpec.Parse(t) is not null, "10000/day or 1000000/month"));
    }

    /// <summary><c>--rate</c>.</summary>
    public Option<string?> Rate { get; }

    /// <summary><c>--burst</c>.</summary>
    public Option<int?> Burst { get; }

    /// <summary><c>--quota</c>.</summary>
    public Option<string?> Quota { get; }

    /// <summary>Adds the three options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(Rate);
        command.Add(Burst);
        command.Add(Quota);
    }

    /// <summary>The rate given, or <c>null</c> (also for <c>none</c>).</summary>
    public RateLimitSpec? RateOf(ParseResult parse)
    {
        var burst = parse.GetValue(Burst);
        if (parse.GetValue(Rate) is not { } text || text == None)
        {
            if (burst is not null)
            {
                throw CliException.Usage("--burst needs --rate.");
            }

            return null;
        }

        return RateLimitSpec.Parse(text, burst);
    }

    /// <summary>The quota given, or <c>null</c> (also for <c>none</c>).</summary>
    public QuotaSpec? QuotaOf(ParseResult parse) => parse.GetValue(Quota) is { } text && text != None ? QuotaSpec.Parse(text) : null;

    /// <summary>Whether <c>--rate none</c> was given.</summary>
    public bool ClearsRate(ParseResult parse) => parse.GetValue(Rate) == None;

    /// <summary>Whether <c>--quota none</c> was given.</summary>
    public bool ClearsQuota(ParseResult parse) => parse.GetValue(Quota) == None;

    private static void Check(OptionResult result, bool allowNone, Func<string, bool> valid, string example)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (!(allowNone && text == None) && !valid(text))
        {
            result.AddError($"'{text}' is not a limit like {example}.");
        }
    }
}
