using System.CommandLine;
using Gateway.Cli.Config;
using Gateway.Client;
using Gateway.Client.Federation;

namespace Gateway.Cli.Commands;

/// <summary>
/// <c>gatewayctl auth login --oidc</c>: exchanges a CI job's OIDC id_token at the gateway's <c>/.gateway/token</c> and
/// saves the short-lived access token as the profile's credential (or prints it with <c>--print-token</c>). The
/// id_token comes from <c>--id-token</c> (<c>-</c> reads stdin), <c>--id-token-file</c>, <c>--id-token-env</c>, or —
/// with none of these — from GitHub Actions' runtime (<c>ACTIONS_ID_TOKEN_REQUEST_URL</c>/<c>_TOKEN</c>, with
/// <c>--audience</c>).
/// </summary>
public sealed class OidcLogin
{
    /// <summary><c>--oidc</c> (one instance per login command, like every option of the tree).</summary>
    public Option<bool> Flag { get; } = new("--oidc") { Description = "Exchange a CI OIDC id_token for a short-lived access token (keyless CI)." };

    private readonly Option<string?> IdToken = new("--id-token") { Description = "With --oidc: the id_token; '-' reads it from stdin.", HelpName = "jwt" };
    private readonly Option<string?> IdTokenFile = new("--id-token-file") { Description = "With --oidc: read the id_token from this file.", HelpName = "path" };
    private readonly Option<string?> IdTokenEnv = new("--id-token-env") { Description = "With --oidc: read the id_token from this environment variable (GitLab: your id_tokens: name).", HelpName = "name" };
    private readonly Option<string?> Audience = new("--audience") { Description = "With --oidc in GitHub Actions: the audience to request the id_token for.", HelpName = "aud" };
    private readonly Option<string?> ServiceAccount = new("--service-account") { Description = "With --oidc: the account to act as when several trust the pipeline (sa_…).", HelpName = "sa" };
    private readonly Option<bool> PrintToken = new("--print-token") { Description = "With --oidc: also print the access token alone on stdout (for GATEWAY_TOKEN=$(…))." };

    /// <summary>Adds the options to the login command.</summary>
    public void AddTo(Command login)
    {
        login.Add(Flag);
        login.Add(IdToken);
        login.Add(IdTokenFile);
        login.Add(IdTokenEnv);
        login.Add(Audience);
        login.Add(ServiceAccount);
        login.Add(PrintToken);
    }

    /// <summary>Runs the OIDC login for profile <paramref name="name"/> at <paramref name="server"/>/<paramref name="adminServer"/>.</summary>
    public async Task<int> RunAsync(ParseResult parse, CliContext context, string name, string server, string adminServer, bool verify,
        CancellationToken cancellationToken)
    {
        var sources = new[] { parse.GetValue(IdToken), parse.GetValue(IdTokenFile), parse.GetValue(IdTokenEnv) }.Count(s => s is not null);
        if (sources > 1)
        {
            throw CliException.Usage("Give at most one of --id-token, --id-token-file and --id-token-env.");
        }

        using var http = new HttpClient { Timeout = GatewayHttp.Timeout };
        var idToken = await ReadIdTokenAsync(parse, context, http, cancellationToken);
        var exchanged = await new TokenExchangeClient(http, context.Environment.Time)
            .ExchangeAsync(new Uri(server.TrimEnd('/') + "/"), idToken, parse.GetValue(ServiceAccount), cancellationToken);

        var profile = new Profile { Server = server, AdminServer = adminServer, ApiKey = exchanged.Token };
        CallerIdentity? identity = verify ? await context.ProxyClient(profile).WhoAmIAsync(cancellationToken) : null;
        var config = context.Config.Load();
        context.Config.Save(config with
        {
            CurrentProfile = name,
            Profiles = new Dictionary<string, Profile>(config.Profiles, StringComparer.Ordinal) { [name] = profile },
        });
        if (parse.GetValue(PrintToken))
        {
            context.Environment.Out.WriteLine(exchanged.Token);
            return ExitCodes.Ok;
        }

        var result = new { profile = name, server, adminServer, credential = "oidc-federation", expiresAt = exchanged.ExpiresAt, identity, configFile = context.Config.FilePath };
        context.Output.Write(result, () =>
            (identity is null ? $"Exchanged the id_token at {server}; not verified.\n" : $"Logged in to {server} as {identity.Name} ({identity.OrgId}) with a federated access token ({identity.KeyId}).\n")
            + $"The token expires at {exchanged.ExpiresAt:u}; saved profile '{name}' in {context.Config.FilePath}.\n");
        return ExitCodes.Ok;
    }

    private async Task<string> ReadIdTokenAsync(ParseResult parse, CliContext context, HttpClient http, CancellationToken cancellationToken)
    {
        if (parse.GetValue(IdToken) is { } value)
        {
            return value != "-" ? value.Trim()
                : context.Environment.In.ReadLine()?.Trim() is { Length: > 0 } line ? line
                : throw CliException.Usage("--id-token -: nothing was read from stdin.");
        }

        if (parse.GetValue(IdTokenFile) is { } path)
        {
            return File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken)).Trim() is { Length: > 0 } fromFile
                ? fromFile
                : throw CliException.Usage($"--id-token-file: {path} holds no id_token.");
        }

        if (parse.GetValue(IdTokenEnv) is { } variable)
        {
            return context.Environment.GetVariable(variable)?.Trim() is { Length: > 0 } fromVariable
                ? fromVariable
                : throw CliException.Usage($"--id-token-env: the variable {variable} is empty.");
        }

        if (context.Environment.GetVariable(IdTokenSources.GitHubRequestUrlVariable) is { Length: > 0 })
        {
            var audience = parse.GetValue(Audience) ?? throw CliException.Usage("In GitHub Actions, give --audience (the audience your trust policy expects).");
            return await IdTokenSources.GitHubActions(audience, http, context.Environment.GetVariable)(cancellationToken);
        }

        throw CliException.Usage("--oidc needs an id_token: --id-token, --id-token-file, --id-token-env, or GitHub Actions with 'permissions: id-token: write'.");
    }
}
