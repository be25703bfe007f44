using System.CommandLine;
using Gateway.Cli.Signing.SigV4;
using Gateway.Client.Signing;

namespace Gateway.Cli.Signing;

/// <summary>
/// How <c>gatewayctl request</c> chooses a signature scheme for an HMAC profile: <c>--scheme</c>, whose choices are the
/// client's <see cref="SigningSchemeRegistry"/>, plus the options of each registered <see cref="ICliSigningScheme"/>.
/// <see cref="Create"/> is the one place the command-line schemes are registered.
/// </summary>
public sealed class CliSigningSchemes
{
    private readonly SigningSchemeRegistry _registry;

    /// <summary>Combines the client's <paramref name="registry"/> with the command-line sides of its schemes.</summary>
    public CliSigningSchemes(SigningSchemeRegistry registry, IEnumerable<ICliSigningScheme> schemes)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        CommandLine = [.. schemes];
        foreach (var scheme in CommandLine)
        {
            // The command-line side configures a client scheme; it cannot add one the client does not sign with.
            registry.Get(scheme.Name);
        }

        Scheme = new Option<string?>("--scheme")
        {
            Description = $"How an HMAC profile signs: {string.Join(", ", registry.Names)} (default {registry.Get(null).Name}).",
            HelpName = "scheme",
        };
        Scheme.AcceptOnlyFromAmong([.. registry.Names]);
    }

    /// <summary>The command-line sides of the schemes that have settings, in registration order.</summary>
    public IReadOnlyList<ICliSigningScheme> CommandLine { get; }

    /// <summary>The <c>--scheme</c> option: one of the client registry's names.</summary>
    public Option<string?> Scheme { get; }

    /// <summary>Every scheme gatewayctl signs with, and the command-line sides of those with settings (fresh options).</summary>
    public static CliSigningSchemes Create() => new(SigningSchemeRegistry.Default,
    [
        new SigV4CliScheme(),
    ]);

    /// <summary>Adds <c>--scheme</c> and every scheme's options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Scheme);
        foreach (var option in CommandLine.SelectMany(s => s.Options))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The scheme <paramref name="parse"/> asks for, configured from its options, and the option that asked for it
    /// (<c>--scheme x</c>, <c>--sigv4</c>; <c>null</c> for the default); a usage error when two choices disagree.
    /// </summary>
    public (IRequestSigner Signer, string? ChosenBy) Select(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var named = parse.GetValue(Scheme);
        var flagged = CommandLine.Where(s => s.Shorthand is { } flag && parse.GetValue(flag)).ToList();
        if (flagged.Count > 1)
        {
            throw CliException.Usage($"{string.Join(" and ", flagged.Select(s => s.Shorthand!.Name))} choose different schemes; give one.");
        }

        var flag = flagged.Count == 1 ? flagged[0] : null;
        if (named is not null && flag is not null && !string.Equals(named, flag.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Usage($"{flag.Shorthand!.Name} and --scheme {named} choose different schemes; give one.");
        }

        var name = named ?? flag?.Name;
        var chosenBy = flag is not null ? flag.Shorthand!.Name : named is not null ? "--scheme " + named : null;
        var commandLine = CommandLine.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        return (commandLine is not null ? commandLine.CreateSigner(parse) : _registry.Get(name), chosenBy);
    }
}
