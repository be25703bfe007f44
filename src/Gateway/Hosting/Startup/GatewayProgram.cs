using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.Startup;

/// <summary>
/// The gateway process: builds and runs the gateway; a failure to start ends in one line on stderr
/// (<c>gateway: cannot start: …</c>) and exit code <see cref="StartupFailures.ExitCode"/>, with the stack trace only
/// under <c>--verbose</c> or <c>Logging:LogLevel:Default=Debug</c>.
/// </summary>
public static class GatewayProgram
{
    /// <summary>The flag that keeps stack traces and the host's own start-up logs.</summary>
    public const string VerboseFlag = "--verbose";

    /// <summary>Runs the gateway until it is stopped; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        var verbose = args.Contains(VerboseFlag, StringComparer.Ordinal) || IsDebugLogging(args);
        args = [.. args.Where(a => a != VerboseFlag)];
        var phase = new StartupPhase();
        WebApplication? app = null;
        try
        {
            app = GatewayApplication.Build(args, builder =>
            {
                if (!verbose)
                {
                    builder.Logging.AddFilter(StartupPhase.HostCategory, phase.Allows);
                    builder.Logging.AddFilter(StartupPhase.RoutesCategory, phase.Allows);
                }
            });
            await app.StartAsync();
            phase.MarkStarted();
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (Exception exception) when (!phase.Started)
        {
            var options = app?.Services.GetService<IOptions<GatewayOptions>>();
            GatewayOptions? bound = null;
            try
            {
                bound = options?.Value;
            }
            catch (OptionsValidationException)
            {
                // The options themselves are what failed: the description does without them.
            }

            await error.WriteLineAsync("gateway: cannot start: " + StartupFailures.Describe(exception, bound ?? ReadOptions(args)));
            if (verbose)
            {
                await error.WriteLineAsync(exception.ToString());
            }

            return StartupFailures.ExitCode;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static bool IsDebugLogging(string[] args)
    {
        var level = Configuration(args)["Logging:LogLevel:Default"];
        return string.Equals(level, "Debug", StringComparison.OrdinalIgnoreCase) || string.Equals(level, "Trace", StringComparison.OrdinalIgnoreCase);
    }

    private static GatewayOptions? ReadOptions(string[] args)
    {
        try
        {
            return Configuration(args).GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static IConfigurationRoot Configuration(string[] args) =>
        new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args.Where(a => a != VerboseFlag).ToArray()).Build();
}
