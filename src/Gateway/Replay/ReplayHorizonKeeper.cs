using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Replay;

/// <summary>
/// Keeps <c>&lt;data dir&gt;/replay-horizon</c>: every second the running process writes "alive until now + 3 s"
/// (atomically, by rename), and after a graceful stop the exact time its listeners closed. At start-up the value left by the previous process — however it ended, SIGTERM or
/// SIGKILL — becomes the <see cref="ReplayHorizon"/>, rounded up to a whole second (signing times have one-second
/// resolution): nothing it could have accepted is accepted again. Requests signed while no process was running are
/// accepted normally. Cost: one small file write per second, nothing on the request path but one comparison.
/// </summary>
public sealed partial class ReplayHorizonKeeper(ReplayHorizon horizon, string dataDirectory, TimeProvider time, ILogger<ReplayHorizonKeeper> logger)
    : BackgroundService, IHostedLifecycleService
{
    /// <summary>How far ahead each heartbeat vouches: covers a late timer tick.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    private string FilePath => Path.Combine(dataDirectory, "replay-horizon");

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(FilePath)
            && long.TryParse(File.ReadAllText(FilePath).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var previous))
        {
            var seconds = (previous + 999) / 1000;
            var value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            horizon.Set(value);
            LogHorizon(logger, value);
        }

        Write(Lease);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Write(Lease);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StoppedAsync writes the last value.
        }
    }

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        // The listeners are closed: nothing more can be accepted, so the exact time is enough.
        Write(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void Write(TimeSpan lease)
    {
        try
        {
            var temporary = FilePath + ".tmp";
            var horizon = (time.GetUtcNow() + lease).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600, like every file in the data directory
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(horizon));
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, ex, FilePath);
        }
    }

    [LoggerMessage(EventId = EventIds.Replay.Horizon, Level = LogLevel.Information,
        Message = "Embedded replay protection: signed requests created before {Horizon:O} are refused (an earlier process may have accepted them)")]
    private static partial void LogHorizon(ILogger logger, DateTimeOffset horizon);

    [LoggerMessage(EventId = EventIds.Replay.HorizonWriteFailed, Level = LogLevel.Warning, Message = "Could not write {Path}; replay protection across a restart relies on it")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);
}
