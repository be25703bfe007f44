using System.CommandLine;
using System.CommandLine.Parsing;
using Gateway.Cli.Commands;

namespace Gateway.Cli;

/// <summary>gatewayctl's command tree and entry point.</summary>
public static class GatewayCtl
{
    /// <summary>Builds the root command for <paramref name="environment"/>.</summary>
    public static RootCommand BuildRoot(CliEnvironment environment)
    {
        var globals = new GlobalOptions();
        var setup = new CommandSetup(globals, environment);
        var root = new RootCommand(
            "gatewayctl: manage the gateway's service accounts, keys and runner credentials, and send authenticated requests. "
            + "Exit codes: 0 ok, 1 usage, 2 authentication/authorization, 3 not found, 4 conflict, 5 other errors.");
        globals.AddTo(root);
        root.Add(ServiceAccountCommands.Create(setup));
        root.Add(AuthCommands.Create(setup));
        root.Add(RunnerCommands.Create(setup));
        root.Add(RequestCommand.Create(setup));
        root.Add(IdentityTokenCommands.Create(setup));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment)
    {
        try
        {
            var root = BuildRoot(environment);
            if (args.Length == 0)
            {
                await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error });
                return ExitCodes.Usage;
            }

            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    await environment.Error.WriteLineAsync($"error: {error.Message}");
                }

                await environment.Error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
                return ExitCodes.Usage;
            }

            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception ex)
        {
            await environment.Error.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Add(command.Parent is null ? "gatewayctl" : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
