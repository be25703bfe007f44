using System.CommandLine;
using Gateway.Cli.Output;

namespace Gateway.Cli;

/// <summary>Options every command takes: <c>--output</c> and <c>--profile</c>.</summary>
public sealed class GlobalOptions
{
    /// <summary>The environment variable that selects a profile when <c>--profile</c> is not given.</summary>
    public const string ProfileVariable = "GATEWAYCTL_PROFILE";

    /// <summary><c>--output table|json</c> (<c>-o</c>); default <c>table</c>.</summary>
    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: table (default) or json.",
        Recursive = true,
        DefaultValueFactory = _ => "table",
        HelpName = "table|json",
    };

    /// <summary><c>--profile &lt;name&gt;</c>: the profile to use (for <c>auth login</c>: to create or replace).</summary>
    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = $"Profile to use (auth login: to save). Default: ${ProfileVariable}, else the current profile.",
        Recursive = true,
        HelpName = "name",
    };

    /// <summary>Creates the options and their validation.</summary>
    public GlobalOptions()
    {
        Output.AcceptOnlyFromAmong("table", "json");
        Profile.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name && !Config.ProfileNames.IsValid(name))
            {
                result.AddError($"Profile names are 1-64 characters of letters, digits, '.', '-' or '_'.");
            }
        });
    }

    /// <summary>Adds the options to <paramref name="root"/>.</summary>
    public void AddTo(RootCommand root)
    {
        root.Add(Output);
        root.Add(Profile);
    }

    /// <summary>The chosen output format.</summary>
    public OutputFormat FormatOf(ParseResult parse) =>
        parse.GetValue(Output) == "json" ? OutputFormat.Json : OutputFormat.Table;
}
