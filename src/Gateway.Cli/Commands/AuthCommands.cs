using System.CommandLine;
using Gateway.Cli.Config;
using Gateway.Cli.Output;
using Gateway.Client;

namespace Gateway.Cli.Commands;

/// <summary><c>gatewayctl auth</c>: save credentials as profiles, check who they are, list and remove them.</summary>
public static class AuthCommands
{
    /// <summary>The proxy URL a new profile gets when neither <c>--server</c> nor an earlier login gives one.</summary>
    public const string DefaultServer = "http://localhost:8080";

    /// <summary>The admin URL a new profile gets when neither <c>--admin-server</c> nor an earlier login gives one.</summary>
    public const string DefaultAdminServer = "http://127.0.0.1:8081";

    /// <summary>The <c>auth</c> command tree.</summary>
    public static Command Create(CommandSetup setup)
    {
        var command = new Command("auth", "Log in with an API key, an HMAC key or a CI OIDC token, see who you are, list and remove profiles.");
        command.Add(LoginCommand(setup));
        command.Add(WhoCommand(setup));
        command.Add(ListCommand(setup));
        command.Add(UseCommand(setup));
        command.Add(LogoutCommand(setup));
        return command;
    }

    private static Command LoginCommand(CommandSetup setup)
    {
        var apiKey = new Option<string?>("--api-key") { Description = "An API key (gwk_…); '-' reads it from stdin.", HelpName = "key" };
        var accessKeyId = new Option<string?>("--access-key-id") { Description = "An HMAC key's access key id (ak_…), with --secret.", HelpName = "id" };
        var secret = new Option<string?>("--secret") { Description = "The HMAC key's secret (gws_…); '-' reads it from stdin.", HelpName = "secret" };
        var server = new Option<string?>("--server") { Description = $"The proxy listener's URL (default: the profile's, else {DefaultServer}).", HelpName = "url" };
        var adminServer = new Option<string?>("--admin-server") { Description = $"The admin listener's URL (default: the profile's, else {DefaultAdminServer}).", HelpName = "url" };
        var noVerify = new Option<bool>("--no-verify") { Description = "Save without checking the credential against the gateway (GET /.gateway/whoami)." };
        var command = new Command("login", "Save a credential as a profile (file mode 0600) and make it the current one.")
        {
            apiKey, accessKeyId, secret, server, adminServer, noVerify,
        };
        var oidcLogin = new OidcLogin();
        oidcLogin.AddTo(command);
        command.Validators.Add(result =>
        {
            var bearer = result.GetResult(apiKey) is not null;
            var hmac = result.GetResult(accessKeyId) is not null || result.GetResult(secret) is not null;
            var oidc = result.GetValue(oidcLogin.Flag);
            if (oidc ? bearer || hmac : bearer == hmac)
            {
                result.AddError("Give either --api-key, or --access-key-id with --secret, or --oidc.");
            }
            else if (hmac && (result.GetResult(accessKeyId) is null || result.GetResult(secret) is null))
            {
                result.AddError("An HMAC key needs both --access-key-id and --secret.");
            }
        });
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var name = context.RequestedProfile ?? ProfileNames.Default;
            var config = context.Config.Load();
            config.Profiles.TryGetValue(name, out var previous);
            var serverUrl = GatewayHttp.ParseServer(parse.GetValue(server) ?? previous?.Server ?? DefaultServer, "--server");
            var adminUrl = GatewayHttp.ParseServer(parse.GetValue(adminServer) ?? previous?.AdminServer ?? DefaultAdminServer, "--admin-server");
            if (parse.GetValue(oidcLogin.Flag))
            {
                return await oidcLogin.RunAsync(parse, context, name, Trim(serverUrl), Trim(adminUrl), !parse.GetValue(noVerify), cancellationToken);
            }

            var profile = parse.GetValue(apiKey) is { } key
                ? new Profile { Server = Trim(serverUrl), AdminServer = Trim(adminUrl), ApiKey = CheckApiKey(ReadSecret(context, key, "--api-key")) }
                : new Profile
                {
                    Server = Trim(serverUrl),
                    AdminServer = Trim(adminUrl),
                    AccessKeyId = CheckAccessKeyId(parse.GetValue(accessKeyId)!),
                    Secret = CheckSecret(ReadSecret(context, parse.GetValue(secret)!, "--secret")),
                };

            CallerIdentity? identity = null;
            if (!parse.GetValue(noVerify))
            {
                identity = await context.ProxyClient(profile).WhoAmIAsync(cancellationToken);
            }

            context.Config.Save(config with
            {
                CurrentProfile = name,
                Profiles = new Dictionary<string, Profile>(config.Profiles, StringComparer.Ordinal) { [name] = profile },
            });
            var result = new LoginResult(name, profile.Server, profile.AdminServer, profile.CredentialKind, profile.KeyId, identity, context.Config.FilePath);
            context.Output.Write(result, () => identity is null
                ? $"Saved profile '{name}' ({profile.CredentialKind} key {profile.KeyId}) in {context.Config.FilePath}; not verified.\n"
                : $"Logged in to {profile.Server} as {identity.Name} ({Scope(identity)}) with {profile.CredentialKind} key {identity.KeyId}.\n"
                  + $"Saved profile '{name}' in {context.Config.FilePath}.\n");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command WhoCommand(CommandSetup setup)
    {
        var command = new Command("who", "Show who the gateway takes the profile's credential for (GET /.gateway/whoami).");
        command.Aliases.Add("whoami");
        setup.Handle(command, async (_, context, cancellationToken) =>
        {
            var (_, profile) = context.RequireProfile();
            var identity = await context.ProxyClient(profile).WhoAmIAsync(cancellationToken);
            context.Output.Write(identity, () => TextTable.Fields(
            [
                ("Type", identity.PrincipalType),
                ("Name", identity.Name),
                ("Principal ID", identity.PrincipalId),
                ("Org", identity.OrgId),
                ("Project", Display.Text(identity.ProjectId)),
                ("Key ID", identity.KeyId),
                ("Auth scheme", identity.AuthScheme),
                ("Scopes", Display.List(identity.Scopes)),
            ]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListCommand(CommandSetup setup)
    {
        var command = new Command("list", "List the saved profiles and the kind of credential each holds (never the secret).");
        setup.Handle(command, (_, context, _) =>
        {
            var config = context.Config.Load();
            var rows = config.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ProfileSummary(p.Key, p.Key == config.CurrentProfile, p.Value.Server, p.Value.AdminServer,
                    p.Value.CredentialKind, p.Value.KeyId))
                .ToList();
            context.Output.Write(rows, () => TextTable.Render(
                ["CURRENT", "PROFILE", "SERVER", "ADMIN SERVER", "CREDENTIAL", "KEY ID"],
                rows.Select(r => (IReadOnlyList<string>)[r.Current ? "*" : "", r.Name, r.Server, r.AdminServer, r.Credential, Display.Text(r.KeyId)])));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command UseCommand(CommandSetup setup)
    {
        var name = new Argument<string>("profile") { Description = "The profile to make current." };
        var command = new Command("use", "Make a saved profile the current one.") { name };
        setup.Handle(command, (parse, context, _) =>
        {
            var profile = parse.GetValue(name)!;
            var config = context.Config.Load();
            if (!config.Profiles.ContainsKey(profile))
            {
                throw CliException.Usage($"No profile '{Display.Safe(profile)}'; see 'gatewayctl auth list'.");
            }

            context.Config.Save(config with { CurrentProfile = profile });
            context.Output.Write(new { current = profile }, () => $"Now using profile '{profile}'.\n");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static Command LogoutCommand(CommandSetup setup)
    {
        var command = new Command("logout", "Remove the profile (--profile, else the current one) and its credential from this machine; the key stays valid on the gateway.");
        setup.Handle(command, (_, context, _) =>
        {
            var config = context.Config.Load();
            var name = context.RequestedProfile ?? config.CurrentProfile
                ?? throw CliException.Usage("No current profile; name one with --profile.");
            if (!config.Profiles.ContainsKey(name))
            {
                throw CliException.Usage($"No profile '{name}'; see 'gatewayctl auth list'.");
            }

            var profiles = new Dictionary<string, Profile>(config.Profiles, StringComparer.Ordinal);
            profiles.Remove(name);
            context.Config.Save(config with { Profiles = profiles, CurrentProfile = config.CurrentProfile == name ? null : config.CurrentProfile });
            context.Output.Write(new { removed = name }, () => $"Removed profile '{name}'. Revoke its key with 'gatewayctl sa key revoke' if it is no longer needed.\n");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    private static string Scope(CallerIdentity identity) =>
        identity.ProjectId is { } project ? $"{identity.OrgId}/{project}" : identity.OrgId;

    private static string Trim(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static string ReadSecret(CliContext context, string value, string option)
    {
        if (value != "-")
        {
            return value.Trim();
        }

        var line = context.Environment.In.ReadLine()?.Trim();
        return string.IsNullOrEmpty(line) ? throw CliException.Usage($"{option} -: nothing was read from stdin.") : line;
    }

    private static string CheckApiKey(string value) =>
        Profile.KeyIdOf(value) is not null && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : throw CliException.Usage("--api-key is not a gateway API key (gwk_…).");

    private static string CheckAccessKeyId(string value) =>
        value.StartsWith("ak_", StringComparison.Ordinal) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : throw CliException.Usage("--access-key-id is not an access key id (ak_…).");

    private static string CheckSecret(string value) =>
        value.StartsWith("gws_", StringComparison.Ordinal) && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : throw CliException.Usage("--secret is not a gateway HMAC secret (gws_…).");
}
