using System.Net.Sockets;
using System.Text.RegularExpressions;
using Gateway.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Hosting.Startup;

/// <summary>
/// Turns an exception that stopped the gateway from starting into one line for the operator: what failed, which
/// setting, file or port, and what to do. Unknown exceptions keep their type and message.
/// </summary>
public static partial class StartupFailures
{
    /// <summary>Where YARP reads and converts the ReverseProxy section (its exceptions are route file errors).</summary>
    public const string YarpConfigurationNamespace = "Yarp.ReverseProxy.Configuration";

    /// <summary>The process exit code of every start-up failure.</summary>
    public const int ExitCode = 1;

    /// <summary>The one-line description of <paramref name="exception"/> (no stack trace).</summary>
    public static string Describe(Exception exception, GatewayOptions? options = null)
    {
        var chain = Chain(exception).ToList();
        if (chain.OfType<GatewayStartupException>().FirstOrDefault() is { } ours)
        {
            return ours.Message;
        }

        if (chain.OfType<OptionsValidationException>().FirstOrDefault() is { } validation)
        {
            return "invalid configuration: " + string.Join(" ", validation.Failures)
                + " Fix the setting (command line --Gateway:...=..., environment Gateway__...__..., or appsettings.json) and start again.";
        }

        if (chain.FirstOrDefault(e => e is InvalidOperationException && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)) is { } conversion)
        {
            return $"invalid configuration: {FirstLine(conversion.Message)} Fix the setting and start again.";
        }

        if (chain.OfType<SocketException>().FirstOrDefault() is { } socket
            && socket.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            var address = chain.Select(e => BindAddress().Match(e.Message)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "a listener address";
            var listener = ListenerOf(address, options);
            var setting = listener is null ? "Gateway:Listeners:<Proxy|Admin|Status>:Url" : $"Gateway:Listeners:{listener}:Url";
            return socket.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"cannot listen on {address}{(listener is null ? "" : $" ({listener} listener)")}: the port is already in use (is another gateway or ./run.sh still running?). Stop that process, or choose another port with --{setting}=http://127.0.0.1:<port>."
                : $"cannot listen on {address}{(listener is null ? "" : $" ({listener} listener)")}: permission denied (ports below 1024 need privileges). Choose a port of 1024 or above with --{setting}.";
        }

        if (chain.OfType<InvalidDataException>().FirstOrDefault(e => e.Message.StartsWith("Failed to load configuration from file", StringComparison.Ordinal)) is { } json)
        {
            var reason = Chain(json).Last().Message;
            return $"cannot read configuration: {json.Message.TrimEnd('.')}: {FirstLine(reason)} Fix the JSON and start again.";
        }

        if (chain.OfType<FileNotFoundException>().FirstOrDefault() is { } missing)
        {
            var routes = options is null ? null : Path.GetFullPath(options.RoutesFile);
            return routes is not null && missing.Message.Contains(routes, StringComparison.Ordinal)
                ? $"the routes file {routes} (Gateway:RoutesFile) does not exist. Create it (see yarp.json in the repository) or point --Gateway:RoutesFile at it."
                : $"file not found: {FirstLine(missing.Message)} Check the setting that names it (docs/CONFIGURATION.md).";
        }

        if (chain.FirstOrDefault(e => e.Message.StartsWith("Unable to load or apply the proxy configuration", StringComparison.Ordinal)) is { } proxy)
        {
            var reasons = Chain(proxy).Skip(1).SelectMany(e => e is AggregateException aggregate ? aggregate.InnerExceptions : [e])
                .Select(e => e.Message).Distinct().ToList();
            return $"invalid routes in {options?.RoutesFile ?? "the routes file"} (Gateway:RoutesFile): {string.Join(" ", reasons)} Fix the ReverseProxy section and start again.";
        }

        if (chain.FirstOrDefault(e => e.StackTrace?.Contains(YarpConfigurationNamespace, StringComparison.Ordinal) == true) is { } yarpError)
        {
            return $"invalid routes in {options?.RoutesFile ?? "the routes file"} (Gateway:RoutesFile): {FirstLine(yarpError.Message)} Fix the ReverseProxy section and start again.";
        }

        if (chain.OfType<RedisConnectionException>().FirstOrDefault() is { } redis)
        {
            return $"cannot connect to Redis (Gateway:Redis:Configuration): {FirstLine(redis.Message)} Check that Redis is running and reachable, or correct the setting.";
        }

        if (chain.OfType<SqliteException>().FirstOrDefault() is { } sqlite)
        {
            return $"cannot open the embedded store under {options?.DataDirectory ?? "the data directory"} (Gateway:DataDirectory): {FirstLine(sqlite.Message)} Check that the directory exists and is writable by this user.";
        }

        if (chain.OfType<UnauthorizedAccessException>().FirstOrDefault() is { } denied)
        {
            return $"permission denied: {FirstLine(denied.Message)} Check the ownership and mode of the data directory (Gateway:DataDirectory) and of configured files.";
        }

        var innermost = chain[^1];
        return $"{innermost.GetType().Name}: {FirstLine(innermost.Message)}";
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Skip(1).SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string? ListenerOf(string address, GatewayOptions? options)
    {
        if (options is null || !Uri.TryCreate(address, UriKind.Absolute, out var bound))
        {
            return null;
        }

        foreach (var (name, listener) in new[] { ("Proxy", options.Listeners.Proxy), ("Admin", options.Listeners.Admin), ("Status", options.Listeners.Status) })
        {
            if (Uri.TryCreate(listener.Url.Replace("*", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var configured) && configured.Port == bound.Port)
            {
                return name;
            }
        }

        return null;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }

    [GeneratedRegex(@"Failed to bind to address (\S+?):? ", RegexOptions.CultureInvariant)]
    private static partial Regex BindAddress();
}
