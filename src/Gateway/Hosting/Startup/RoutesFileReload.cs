using Gateway.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Gateway.Hosting.Startup;

/// <summary>
/// Loads the routes file (<c>Gateway:RoutesFile</c>) with reload on change. A file that does not parse at start
/// fails the start; one that stops parsing on a later change leaves the last good routes live, is logged as an error
/// (with the file and the parser's message) and counted in <c>gateway_routes_reload_failures_total</c>.
/// </summary>
public sealed partial class RoutesFileReload
{
    private readonly string _path;
    private bool _loaded;
    private ILogger? _logger;
    private Counter? _failures;

    private RoutesFileReload(string path) => _path = path;

    /// <summary>
    /// Adds <paramref name="path"/> to <paramref name="configuration"/>, then the command line <paramref name="args"/>
    /// again so that they still override the file (as they override every other source); the returned instance is
    /// attached once the services exist.
    /// </summary>
    public static RoutesFileReload Add(IConfigurationBuilder configuration, string path, string[] args)
    {
        var reload = new RoutesFileReload(path);
        configuration.AddJsonFile(source =>
        {
            source.Path = Path.GetFileName(path);
            source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!);
            source.Optional = false;
            source.ReloadOnChange = true;
            source.OnLoadException = reload.OnLoadException;
        });
        reload._loaded = true;
        configuration.AddCommandLine(args);
        return reload;
    }

    /// <summary>Starts logging and counting reload failures (the counter exists at 0 from here on).</summary>
    public void Attach(ILogger logger, GatewayMetrics metrics)
    {
        _failures = Metrics.WithCustomRegistry(metrics.Registry).CreateCounter("gateway_routes_reload_failures_total",
            "Changes to the routes file (Gateway:RoutesFile) that could not be loaded; the last good routes stay live.");
        _failures.IncTo(0);
        _logger = logger;
    }

    private void OnLoadException(FileLoadExceptionContext context)
    {
        // At start the exception propagates (the start fails with one line); on a reload it is reported here and still
        // propagates, so the configuration does not signal a change and YARP keeps the last good routes.
        if (!_loaded)
        {
            return;
        }

        _failures?.Inc();
        if (_logger is not null)
        {
            LogReloadFailed(_logger, _path, context.Exception.InnerException?.Message ?? context.Exception.Message);
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error,
        Message = "The routes file {Path} changed but cannot be loaded: {Reason} The previous routes stay in effect; fix the file to apply changes.")]
    private static partial void LogReloadFailed(ILogger logger, string path, string reason);
}
