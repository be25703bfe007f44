using System.CommandLine;
using Gateway.Cli.Output;
using Gateway.Client.Admin;

namespace Gateway.Cli.Commands;

/// <summary><c>gatewayctl sa key</c>: create, list, revoke and renew an account's keys.</summary>
public static class KeyCommands
{
    /// <summary>The <c>key</c> command tree.</summary>
    public static Command Create(CommandSetup setup)
    {
        var command = new Command("key", "Create, list, revoke and renew a service account's keys.");
        command.Add(CreateCommand(setup));
        command.Add(ListCommand(setup));
        command.Add(RevokeCommand(setup));
        command.Add(RenewCommand(setup));
        command.Add(UpdateCommand(setup));
        return command;
    }

    private static Argument<string> KeyArgument() => new("key") { Description = "The key's id (ak_…)." };

    private static Option<Expiry?> ExpiresOption() => new("--expires")
    {
        Description = Expiry.Help,
        CustomParser = Expiry.Parse,
        HelpName = "time|duration",
    };

    private static Command CreateCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var kind = new Option<string>("--kind")
        {
            Description = "bearer: an API key (gwk_…); hmac: an access key id and secret for signed requests.",
            DefaultValueFactory = _ => KeyKinds.Bearer,
            HelpName = "bearer|hmac",
        };
        kind.AcceptOnlyFromAmong(KeyKinds.Bearer, KeyKinds.Hmac);
        var expires = ExpiresOption();
        var description = new Option<string?>("--description") { Description = "Free text, e.g. where the key is used." };
        var cidrs = new Option<string[]>("--allow-cidr") { Description = "Only callers from this CIDR block (besides the account's); repeat for several." };
        var command = new Command("create", "Create a key; its token or secret is printed this once.") { account, kind, expires, description, cidrs };
        var limits = new LimitOptions(allowNone: false);
        limits.AddTo(command);
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var issued = await context.AdminClient().CreateKeyAsync(parse.GetValue(account)!, new NewApiKey
            {
                Kind = parse.GetValue(kind),
                Description = parse.GetValue(description),
                ExpiresAt = parse.GetValue(expires)?.Resolve(context.Environment.Time),
                AllowedCidrs = parse.GetValue(cidrs) ?? [],
                RateLimit = limits.RateOf(parse),
                Quota = limits.QuotaOf(parse),
            }, cancellationToken);
            WriteIssued(context, issued);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var command = new Command("list", "List an account's keys with their fingerprints (never a secret).") { account };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var keys = await context.AdminClient().ListKeysAsync(parse.GetValue(account)!, cancellationToken);
            context.Output.Write(keys, () => KeyView.List(keys));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var key = KeyArgument();
        var command = new Command("revoke", "Revoke a key: it stops working at once.") { account, key };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var (accountId, keyId) = (parse.GetValue(account)!, parse.GetValue(key)!);
            await context.AdminClient().RevokeKeyAsync(accountId, keyId, cancellationToken);
            context.Output.Write(new { revoked = keyId, accountId }, () => $"Revoked key {keyId} of {accountId}.\n");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RenewCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var key = KeyArgument();
        var expires = ExpiresOption();
        expires.Description = "Expiry of the new key (default: the old key's lifetime counted from now). " + Expiry.Help;
        var grace = Grace.Option();
        var command = new Command("renew", "Replace a key with a new one of the same kind; the old one is revoked at once, or at the end of --grace.")
        {
            account, key, expires, grace,
        };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var issued = await context.AdminClient().RenewKeyAsync(parse.GetValue(account)!, parse.GetValue(key)!,
                parse.GetValue(expires)?.Resolve(context.Environment.Time), parse.GetValue(grace), cancellationToken);
            WriteIssued(context, issued);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command UpdateCommand(CommandSetup setup)
    {
        var account = ServiceAccountCommands.AccountArgument();
        var key = KeyArgument();
        var description = new Option<string?>("--description") { Description = "A new description." };
        var command = new Command("update", "Change a key's description, rate limit or quota; new limits apply at once.")
        {
            account, key, description,
        };
        var limits = new LimitOptions(allowNone: true);
        limits.AddTo(command);
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var changes = new ApiKeyChanges
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

            var changed = await context.AdminClient().UpdateKeyAsync(parse.GetValue(account)!, parse.GetValue(key)!, changes, cancellationToken);
            context.Output.Write(changed, () => KeyView.List([changed]));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteIssued(CliContext context, IssuedApiKey issued)
    {
        var what = issued.Token is not null ? "token" : "secret";
        context.Warn($"this {what} is shown once and cannot be shown again: store it now.");
        context.Output.Write(issued, () => KeyView.Issued(issued));
    }
}
