using System.CommandLine;
using Gateway.Cli.Output;
using Gateway.Client.Admin;

namespace Gateway.Cli.Commands;

/// <summary><c>gatewayctl identity-token keys list|rotate</c>: the keys that sign <c>X-Gateway-Identity</c>.</summary>
public static class IdentityTokenCommands
{
    /// <summary>The <c>identity-token</c> command tree.</summary>
    public static Command Create(CommandSetup setup)
    {
        var keys = new Command("keys", "The signing keys published at /.well-known/jwks.json (platform administrators only).");
        keys.Add(ListCommand(setup));
        keys.Add(RotateCommand(setup));
        var command = new Command("identity-token", "The signed identity token (X-Gateway-Identity) the gateway adds for upstreams.");
        command.Add(keys);
        return command;
    }

    private static Command ListCommand(CommandSetup setup)
    {
        var command = new Command("list", "List the keys: kid, state (next, active, retired) and dates.");
        setup.Handle(command, async (_, context, cancellationToken) =>
        {
            var keys = await context.AdminClient().ListIdentityTokenKeysAsync(cancellationToken);
            context.Output.Write(new { keys }, () => Table(keys));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RotateCommand(CommandSetup setup)
    {
        var command = new Command("rotate",
            "Rotate: the next key (already published) starts signing, the active key retires and stays published until its tokens expire, a new next key is published.");
        setup.Handle(command, async (_, context, cancellationToken) =>
        {
            var keys = await context.AdminClient().RotateIdentityTokenKeysAsync(cancellationToken);
            context.Output.Write(new { keys }, () =>
                $"Rotated: {keys.FirstOrDefault(k => k.State == "active")?.Kid} now signs identity tokens.\n" + Table(keys));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Table(IReadOnlyList<IdentityTokenKey> keys) => TextTable.Render(
        ["KID", "STATE", "CREATED", "ACTIVATED", "RETIRED", "REMOVE AFTER"],
        keys.Select(k => (IReadOnlyList<string>)[k.Kid, k.State, Display.Time(k.CreatedAt), Display.Time(k.ActivatedAt),
            Display.Time(k.RetiredAt), Display.Time(k.RemoveAfter)]));
}
