using System.CommandLine;
using Gateway.Cli.Config;
using Gateway.Cli.Output;
using Gateway.Client;
using Gateway.Client.Admin;

namespace Gateway.Cli;

/// <summary>What one command invocation works with: its output, the configuration and clients for the chosen profile.</summary>
public sealed class CliContext : IDisposable
{
    private readonly ParseResult _parse;
    private readonly GlobalOptions _globals;
    private readonly List<HttpClient> _clients = [];

    /// <summary>Creates the context for <paramref name="parse"/>.</summary>
    public CliContext(ParseResult parse, GlobalOptions globals, CliEnvironment environment)
    {
        _parse = parse;
        _globals = globals;
        Environment = environment;
        Output = new OutputWriter(globals.FormatOf(parse), environment.Out);
        Config = new ConfigStore(ConfigDirectory.Resolve(environment.GetVariable), environment.Error);
    }

    /// <summary>Streams, environment variables and clock.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>Where results go.</summary>
    public OutputWriter Output { get; }

    /// <summary>The saved profiles.</summary>
    public ConfigStore Config { get; }

    /// <summary>The profile named by <c>--profile</c>, else by <c>GATEWAYCTL_PROFILE</c>; <c>null</c> when neither.</summary>
    public string? RequestedProfile
    {
        get
        {
            if (_parse.GetValue(_globals.Profile) is { } option)
            {
                return option;
            }

            if (Environment.GetVariable(GlobalOptions.ProfileVariable) is { Length: > 0 } variable)
            {
                return ProfileNames.IsValid(variable)
                    ? variable
                    : throw CliException.Usage($"{GlobalOptions.ProfileVariable} is not a valid profile name.");
            }

            return null;
        }
    }

    /// <summary>The profile to use: requested, else current; exit code 2 when there is none.</summary>
    public (string Name, Profile Profile) RequireProfile()
    {
        var config = Config.Load();
        var name = RequestedProfile ?? config.CurrentProfile
            ?? throw CliException.NotLoggedIn("Not logged in: run 'gatewayctl auth login --api-key <key>' first.");
        return config.Profiles.TryGetValue(name, out var profile)
            ? (name, profile)
            : throw CliException.NotLoggedIn($"No profile '{name}': run 'gatewayctl auth login --profile {name} …' first.");
    }

    /// <summary>An admin API client for the chosen profile.</summary>
    public GatewayAdminClient AdminClient()
    {
        var (_, profile) = RequireProfile();
        return new GatewayAdminClient(Track(GatewayHttp.Create(new Uri(profile.AdminServer), profile, Environment.Time)));
    }

    /// <summary>A proxy-listener client for <paramref name="profile"/>.</summary>
    public GatewayProxyClient ProxyClient(Profile profile) =>
        new(Track(GatewayHttp.Create(new Uri(profile.Server), profile, Environment.Time)));

    /// <summary>Keeps <paramref name="client"/> to dispose it with the context.</summary>
    public HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    /// <summary>Writes a warning to stderr.</summary>
    public void Warn(string message) => Environment.Error.WriteLine("warning: " + message);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
