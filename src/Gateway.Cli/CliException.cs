namespace Gateway.Cli;

/// <summary>
/// Ends a command with <see cref="ExitCode"/> and prints the message to stderr (never a stack trace). The message
/// must not contain a secret.
/// </summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>A usage error (exit code 1).</summary>
    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>Not logged in, or no usable credential (exit code 2).</summary>
    public static CliException NotLoggedIn(string message) => new(ExitCodes.Auth, message);
}
