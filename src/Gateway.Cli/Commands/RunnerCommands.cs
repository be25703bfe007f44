using System.CommandLine;
using System.Text.Json;
using Gateway.Cli.Config;
using Gateway.Cli.Output;
using Gateway.Client.Admin;

namespace Gateway.Cli.Commands;

/// <summary><c>gatewayctl runner credentials</c>: provision a runner's account or regenerate its one key.</summary>
public static class RunnerCommands
{
    /// <summary>The <c>runner</c> command tree.</summary>
    public static Command Create(CommandSetup setup)
    {
        var command = new Command("runner", "Give runners their own identity.");
        command.Add(CredentialsCommand(setup));
        return command;
    }

    private static Command CredentialsCommand(CommandSetup setup)
    {
        var runnerId = new Argument<string>("runner-id") { Description = "The runner: 1-48 of [A-Za-z0-9._-]." };
        var org = new Option<string?>("--org") { Description = "Org of the runner's account (default: the gateway's bootstrap org)." };
        var project = new Option<string?>("--project") { Description = "Project of the runner's account, when it is provisioned." };
        var roles = new Option<string[]>("--role") { Description = "Roles of the runner's account when it is provisioned (default: executor); repeat for several." };
        var kind = new Option<string?>("--kind") { Description = "hmac (default): access key id and secret; bearer: an API key.", HelpName = "hmac|bearer" };
        kind.AcceptOnlyFromAmong(KeyKinds.Hmac, KeyKinds.Bearer);
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write the credentials document to this file (mode 0600) instead of printing its secret.",
            HelpName = "file",
        };
        var command = new Command("credentials",
            "Provision the runner's account (runner-<runner-id>) on first use; every call revokes its earlier keys and issues a new one.")
        {
            runnerId, org, project, roles, kind, output,
        };
        setup.Handle(command, async (parse, context, cancellationToken) =>
        {
            var requestedRoles = parse.GetValue(roles);
            var credentials = await context.AdminClient().IssueRunnerCredentialsAsync(parse.GetValue(runnerId)!, new RunnerCredentialsRequest
            {
                OrgId = parse.GetValue(org),
                ProjectId = parse.GetValue(project),
                Roles = requestedRoles is { Length: > 0 } ? requestedRoles : null,
                Kind = parse.GetValue(kind),
            }, cancellationToken);

            if (parse.GetValue(output) is { } file)
            {
                PrivateFile.Write(file.FullName, JsonSerializer.Serialize(credentials, CliJson.Options) + "\n");
                var written = new { credentials.RunnerId, credentials.AccountId, credentials.AccountName, credentials.KeyId, credentials.Kind, file = file.FullName };
                context.Output.Write(written, () =>
                    $"Wrote the credentials of runner {credentials.RunnerId} ({credentials.AccountName} {credentials.AccountId}, "
                    + $"{credentials.Kind} key {credentials.KeyId}) to {file.FullName} (mode 0600). Earlier keys of the runner are revoked.\n");
                return ExitCodes.Ok;
            }

            context.Warn("these credentials are shown once and cannot be shown again: store them now (or use --out <file>).");
            context.Output.Write(credentials, () => TextTable.Fields(Fields(credentials)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IEnumerable<(string, string)> Fields(RunnerCredentials credentials)
    {
        yield return ("Server", Display.Text(credentials.Server));
        yield return ("Runner", credentials.RunnerId);
        yield return ("Account", $"{credentials.AccountName} ({credentials.AccountId})");
        yield return ("Org", credentials.OrgId);
        yield return ("Project", Display.Text(credentials.ProjectId));
        yield return ("Key ID", credentials.KeyId);
        yield return ("Kind", credentials.Kind);
        if (credentials.AccessKeyId is { } accessKeyId)
        {
            yield return ("Access key ID", accessKeyId);
        }

        if (credentials.Secret is { } secret)
        {
            yield return ("Secret", secret);
        }

        if (credentials.Token is { } token)
        {
            yield return ("Token", token);
        }

        yield return ("Created", Display.Time(credentials.CreatedAt));
    }
}
