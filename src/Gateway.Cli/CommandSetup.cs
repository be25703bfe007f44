using System.CommandLine;

namespace Gateway.Cli;

/// <summary>What every command factory needs: the global options and the process environment.</summary>
public sealed class CommandSetup(GlobalOptions globals, CliEnvironment environment)
{
    /// <summary>The global options.</summary>
    public GlobalOptions Globals { get; } = globals;

    /// <summary>The process environment.</summary>
    public CliEnvironment Environment { get; } = environment;

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="body"/>, run under <see cref="CommandRunner"/>.</summary>
    public void Handle(Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) =>
            CommandRunner.RunAsync(parse, Globals, Environment, (context, token) => body(parse, context, token), cancellationToken));
}
