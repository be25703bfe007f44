using Gateway.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Configuration;

/// <summary>
/// Re-reads the routes file when its modification time or length changes, checked every
/// <see cref="RoutesFileConfiguration.CheckInterval"/> — a poll of one file rather than a folder watch, so writes
/// anywhere else (the data directory included, whatever the layout) cost nothing, and a file replaced by rename or
/// a swapped symbolic link (Kubernetes ConfigMaps) is noticed too. A file that does not parse is logged as an error
/// (with the file and the parser's message), counted in <c>gateway_routes_reload_failures_total</c>, and the routes in
/// force stay.
/// </summary>
public sealed partial class RoutesFileWatcher(
    RoutesFileWatcher.Target target, TimeProvider time, GatewayMetrics metrics, ILogger<RoutesFileWatcher> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private (DateTime Modified, long Length) _seen = Stamp(target.Path);
    private int _reloads;

    /// <summary>The watched file and the configuration provider that reads it.</summary>
    public sealed record Target(string Path, JsonConfigurationProvider Provider);

    /// <summary>How many times the file was re-read since start.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>Re-reads the file now when it changed since the last check; <c>true</c> when it was re-read.</summary>
    public bool CheckNow()
    {
        lock (_lock)
        {
            return CheckLocked();
        }
    }

    private bool CheckLocked()
    {
        var stamp = Stamp(target.Path);
        if (stamp == _seen)
        {
            return false;
        }

        _seen = stamp;
        try
        {
            target.Provider.Load();
            Interlocked.Increment(ref _reloads);
            LogReloaded(logger, target.Path);
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or UnauthorizedAccessException)
        {
            metrics.RoutesReloadFailures.Inc();
            LogReloadFailed(logger, target.Path, ex.InnerException?.Message ?? ex.Message);
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RoutesFileConfiguration.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CheckNow();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static (DateTime, long) Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1);
    }

    [LoggerMessage(EventId = EventIds.Configuration.RoutesReloaded, Level = LogLevel.Information, Message = "Routes file {Path} changed; routes reloaded")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = EventIds.Configuration.RoutesReloadFailed, Level = LogLevel.Error,
        Message = "The routes file {Path} changed but cannot be loaded: {Reason} The previous routes stay in effect; fix the file to apply changes.")]
    private static partial void LogReloadFailed(ILogger logger, string path, string reason);
}
