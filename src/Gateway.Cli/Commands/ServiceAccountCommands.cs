using System.CommandLine;
using Gateway.Cli.Output;
using Gateway.Client.Admin;

namespace Gateway.Cli.Commands;

/// <summary><c>gatewayctl service-account</c> (alias <c>sa</c>): the account lifecycle, and <c>key</c> below it.</summary>
public static class ServiceAccountCommands
{
    /// <summary>The <c>service-account</c> command tree.</summary>
    public static Command Create(CommandSetup setup)
    {
        var command = new Command("service-account", "Create, list, inspect, disable, enable and delete service accounts, and manage their keys.");
        command.Aliases.Add("sa");
        command.Add(CreateCommand(setup));
        command.Add(ListCommand(setup));
        command.Add(GetCommand(setup));
        command.Add(UpdateCommand(setup));
        command.Add(StatusCommand(setup, "disable", "Disable an account: its keys stop working at once (enable brings them back)."));
        command.Add(StatusCommand(setup, "enable", "Enable a disabled account."));
        command.Add(DeleteCommand(setup));
        command.Add(KeyCommands.Create(setup));
        command.Add(TrustPolicyCommands.Create(setup));
        return command;
    }

    /// <summary>The <c>&lt;sa&gt;</c> argument: an account id.</summary>
    public static Argument<string> AccountArgument() => new("sa") { Description = "The service account's id (sa_…)." };

    private static Command CreateCommand(CommandSetup setup)
    {
        var name = new Option<string>("--name") { Description = "Name, unique in the org: 1-64 of [A-Za-z0-9._-].", Required = true };
        var org = new Option<string>("--org") { Description = "The org the account belongs to.", Required = true };
        var project = new Option<string?>("--project") { Description = "Confine the account to one project (default: org-wide)." };
        var description = new Option<string?>("--description") { Description = "Free text for operators." };
        var roles = new Option<string[]>("--role") { Description = "A role (reader, executor, editor, admin); repeat for several." };
        var cidrs = new Option<string[]>("--allow-cidr") { Description = "Only callers from this CIDR block; repeat for several (default: any)." };
        var command = new Command("create", "Create a service account.") { name, org, project, description, roles, cidrs };
        var limits = new LimitOptions(allowNone: false);
        limits.AddTo(command);
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var account = await context.AdminClient().CreateServiceAccountAsync(new NewServiceAccount
            {
                Name = parse.GetValue(name)!,
                OrgId = parse.GetValue(org)!,
                ProjectId = parse.GetValue(project),
                Description = parse.GetValue(description),
                Roles = parse.GetValue(roles) ?? [],
                AllowedCidrs = parse.GetValue(cidrs) ?? [],
                RateLimit = limits.RateOf(parse),
                Quota = limits.QuotaOf(parse),
            }, cancellationToken);
            context.Output.Write(account, () => AccountView.Single(account));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListCommand(CommandSetup setup)
    {
        var org = new Option<string?>("--org") { Description = "Only accounts of this org." };
        var project = new Option<string?>("--project") { Description = "Only accounts of this project." };
        var status = new Option<string?>("--status") { Description = "Only active or disabled accounts.", HelpName = "active|disabled" };
        status.AcceptOnlyFromAmong("active", "disabled");
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Accounts fetched per call (1-200); every page is fetched either way.",
            DefaultValueFactory = _ => 100,
        };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 200)
            {
                result.AddError("--page-size must be from 1 to 200.");
            }
        });
        var command = new Command("list", "List service accounts (every page).") { org, project, status, pageSize };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var query = new ServiceAccountQuery
            {
                OrgId = parse.GetValue(org),
                ProjectId = parse.GetValue(project),
                Status = parse.GetValue(status),
                Limit = parse.GetValue(pageSize),
            };
            var accounts = new List<ServiceAccount>();
            await foreach (var account in context.AdminClient().ListAllServiceAccountsAsync(query, cancellationToken))
            {
                accounts.Add(account);
            }

            context.Output.Write(accounts, () => AccountView.List(accounts));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command GetCommand(CommandSetup setup)
    {
        var account = AccountArgument();
        var command = new Command("get", "Show a service account.") { account };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var found = await context.AdminClient().GetServiceAccountAsync(parse.GetValue(account)!, cancellationToken);
            context.Output.Write(found, () => AccountView.Single(found));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command UpdateCommand(CommandSetup setup)
    {
        var account = AccountArgument();
        var description = new Option<string?>("--description") { Description = "A new description." };
        var command = new Command("update", "Change a service account's description, rate limit or quota.") { account, description };
        var limits = new LimitOptions(allowNone: true);
        limits.AddTo(command);
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var changes = new ServiceAccountChanges
            {
                Description = parse.GetValue(description),
                RateLimit = limits.RateOf(parse),
                ClearRateLimit = limits.ClearsRate(parse),
                Quota = limits.QuotaOf(parse),
                ClearQuota = limits.ClearsQuota(parse),
            };
            if (changes.ToJson().Count == 0)
            {
                throw CliException.Usage("Nothing to change: give --description, --rate or --quota.");
            }

            var changed = await context.AdminClient().UpdateServiceAccountAsync(parse.GetValue(account)!, changes, cancellationToken);
            context.Output.Write(changed, () => AccountView.Single(changed));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command StatusCommand(CommandSetup setup, string verb, string description)
    {
        var account = AccountArgument();
        var command = new Command(verb, description) { account };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var client = context.AdminClient();
            var id = parse.GetValue(account)!;
            var changed = verb == "disable"
                ? await client.DisableServiceAccountAsync(id, cancellationToken)
                : await client.EnableServiceAccountAsync(id, cancellationToken);
            context.Output.Write(changed, () => AccountView.Single(changed));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command DeleteCommand(CommandSetup setup)
    {
        var account = AccountArgument();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when stdin is not a terminal)." };
        var command = new Command("delete", "Delete a service account: every key is revoked at once.") { account, yes };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var id = parse.GetValue(account)!;
            if (!parse.GetValue(yes))
            {
                Confirm(context, $"Delete service account {id} and revoke all its keys? [y/N] ");
            }

            await context.AdminClient().DeleteServiceAccountAsync(id, cancellationToken);
            context.Output.Write(new { deleted = id }, () => $"Deleted service account {id}; its keys are revoked.\n");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Asks <paramref name="question"/> on stderr and reads the answer; anything but <c>y</c>/<c>yes</c> aborts. When no
    /// one can answer (stdin not a terminal) it refuses: a usage error asking for <c>--yes</c>.
    /// </summary>
    public static void Confirm(CliContext context, string question)
    {
        if (!context.Environment.InputIsTerminal)
        {
            throw CliException.Usage("Refusing to delete without confirmation: stdin is not a terminal. Pass --yes to confirm.");
        }

        context.Environment.Error.Write(question);
        context.Environment.Error.Flush();
        var answer = context.Environment.In.ReadLine()?.Trim();
        if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Usage("Aborted; nothing was deleted.");
        }
    }
}
