namespace Gateway.Cli;

/// <summary>What gatewayctl takes from its process: standard streams, environment variables and the clock.</summary>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: warnings, prompts and errors.</param>
/// <param name="In">Standard input: confirmations and secrets passed as <c>-</c>.</param>
/// <param name="InputIsTerminal"><c>false</c> when stdin is redirected or closed (no one can answer a prompt).</param>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="Time">The clock (key expiries given as durations, signing times).</param>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    TextReader In,
    bool InputIsTerminal,
    Func<string, string?> GetVariable,
    TimeProvider Time)
{
    /// <summary>The real console, environment and system clock.</summary>
    public static CliEnvironment FromConsole() => new(
        Console.Out,
        Console.Error,
        Console.In,
        !Console.IsInputRedirected,
        Environment.GetEnvironmentVariable,
        TimeProvider.System);
}
