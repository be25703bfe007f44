using System.CommandLine;
using System.Globalization;
using Gateway.Cli.Output;
using Gateway.Client.Federation;

namespace Gateway.Cli.Commands;

/// <summary><c>gatewayctl sa trust-policy add|list|remove</c>: which CI pipelines may act as a service account without a key.</summary>
public static class TrustPolicyCommands
{
    /// <summary>The <c>trust-policy</c> command tree.</summary>
    public static Command Create(CommandSetup setup)
    {
        var command = new Command("trust-policy", "Let CI pipelines (GitHub Actions, GitLab CI) act as the account with their OIDC id_token: add, list, remove trust policies.");
        command.Add(AddCommand(setup));
        command.Add(ListCommand(setup));
        command.Add(RemoveCommand(setup));
        return command;
    }

    private static TrustPolicyAdminClient Client(CliContext context)
    {
        var (_, profile) = context.RequireProfile();
        return new TrustPolicyAdminClient(context.Track(GatewayHttp.Create(new Uri(profile.AdminServer), profile, context.Environment.Time)));
    }

    private static Command AddCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var issuer = new Option<string>("--issuer") { Description = "The token issuer, e.g. https://token.actions.githubusercontent.com (must be allowlisted on the gateway).", Required = true };
        var audience = new Option<string>("--audience") { Description = "The audience the id_token must be issued for.", Required = true };
        var conditions = new Option<string[]>("--condition")
        {
            Description = "claim=value, exact or glob (* and ?), e.g. repository=acme/app or ref=refs/heads/*; repeat for several (all must match).",
            HelpName = "claim=value",
            Required = true,
        };
        var cidrs = new Option<string[]>("--allow-cidr") { Description = "Only exchanges and calls from this CIDR block; repeat for several (default: any)." };
        var lifetime = new Option<int?>("--max-token-lifetime") { Description = "Longest access token lifetime in seconds (default: the gateway's, 15 minutes).", HelpName = "seconds" };
        var description = new Option<string?>("--description") { Description = "Free text for operators." };
        var command = new Command("add", "Add a trust policy.") { account, issuer, audience, conditions, cidrs, lifetime, description };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var condition in parse.GetValue(conditions) ?? [])
            {
                var equals = condition.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == condition.Length - 1)
                {
                    throw CliException.Usage($"--condition '{Display.Safe(condition)}' is not claim=value.");
                }

                parsed[condition[..equals]] = condition[(equals + 1)..];
            }

            var policy = await Client(context).AddAsync(parse.GetValue(account)!, new NewTrustPolicy
            {
                Issuer = parse.GetValue(issuer)!,
                Audience = parse.GetValue(audience)!,
                Conditions = parsed,
                AllowedCidrs = parse.GetValue(cidrs) is { Length: > 0 } blocks ? blocks : null,
                MaxTokenLifetime = parse.GetValue(lifetime),
                Description = parse.GetValue(description),
            }, cancellationToken);
            context.Output.Write(policy, () => Fields(policy));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var command = new Command("list", "List the account's trust policies.") { account };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var policies = await Client(context).ListAsync(parse.GetValue(account)!, cancellationToken);
            context.Output.Write(policies, () => TextTable.Render(
                ["ID", "ISSUER", "AUDIENCE", "CONDITIONS", "MAX LIFETIME"],
                policies.Select(p => (IReadOnlyList<string>)[p.Id, p.Issuer, p.Audience, Conditions(p), Lifetime(p)])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RemoveCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var policy = new Argument<string>("policy") { Description = "The trust policy's id (tp_…)." };
        var command = new Command("remove", "Remove a trust policy: access tokens issued under it stop working at once.") { account, policy };
        command.Aliases.Add("rm");
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            await Client(context).RemoveAsync(parse.GetValue(account)!, parse.GetValue(policy)!, cancellationToken);
            context.Output.Write(new { removed = parse.GetValue(policy) }, () => $"Removed trust policy {parse.GetValue(policy)}.\n");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Fields(TrustPolicy policy) => TextTable.Fields(
    [
        ("ID", policy.Id),
        ("Account", policy.AccountId),
        ("Issuer", policy.Issuer),
        ("Audience", policy.Audience),
        ("Conditions", Conditions(policy)),
        ("Allowed CIDRs", Display.List(policy.AllowedCidrs)),
        ("Max lifetime", Lifetime(policy)),
        ("Description", Display.Text(policy.Description)),
        ("Created", Display.Time(policy.CreatedAt)),
    ]);

    private static string Conditions(TrustPolicy policy) =>
        string.Join(", ", policy.Conditions.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    private static string Lifetime(TrustPolicy policy) =>
        policy.MaxTokenLifetime is { } seconds ? seconds.ToString(CultureInfo.InvariantCulture) + "s" : Display.Text(null);
}
