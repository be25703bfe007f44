using System.CommandLine;
using Gateway.Client;

namespace Gateway.Cli;

/// <summary>
/// Runs a command's body and turns every failure into its documented exit code and a one-line error on stderr
/// (with the problem's code, and per-field messages for validation errors) — never a stack trace.
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/> with a fresh <see cref="CliContext"/>.</summary>
    public static async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CliEnvironment environment,
        Func<CliContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var error = environment.Error;
        try
        {
            using var context = new CliContext(parse, globals, environment);
            return await body(context, cancellationToken);
        }
        catch (CliException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (GatewayApiException ex)
        {
            WriteProblem(error, ex);
            return ExitCodes.ForStatus(ex.Status);
        }
        catch (HttpRequestException ex)
        {
            error.WriteLine($"error: cannot reach the gateway: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"error: the gateway did not answer within {GatewayHttp.Timeout.TotalSeconds:0} seconds.");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            error.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            error.Flush();
        }
    }

    /// <summary>Writes <c>error: &lt;detail&gt; (&lt;code&gt;)</c>, each field error, and the trace id of a server error.</summary>
    public static void WriteProblem(TextWriter error, GatewayApiException problem)
    {
        error.WriteLine($"error: {Output.Display.Safe(problem.Detail)} ({problem.Code}, HTTP {problem.Status})");
        foreach (var (field, messages) in problem.Errors)
        {
            foreach (var message in messages)
            {
                error.WriteLine($"  {Output.Display.Safe(field)}: {Output.Display.Safe(message)}");
            }
        }

        if (problem.Status >= 500 && problem.TraceId is { } traceId)
        {
            error.WriteLine($"  trace id: {Output.Display.Safe(traceId)}");
        }
    }
}
