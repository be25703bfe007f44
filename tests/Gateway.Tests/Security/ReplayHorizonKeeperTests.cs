using System.Globalization;
using Gateway.Replay;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Security;

/// <summary>
/// The replay-horizon heartbeat is written every second by a background loop and at start and stop: a file it cannot
/// write (here: a directory squats its temporary name, which .NET reports as <see cref="UnauthorizedAccessException"/>,
/// as it does for a permission denied) is logged, never thrown, so it cannot stop the host.
/// </summary>
public sealed class ReplayHorizonKeeperTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(Samples.T0);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AFileItCannotWrite_IsLoggedNotThrown_AndTheNextWriteSucceeds()
    {
        var blocker = Directory.CreateDirectory(_dir.Combine("replay-horizon.tmp"));
        var keeper = new ReplayHorizonKeeper(new ReplayHorizon(), _dir.Path, _clock, NullLogger<ReplayHorizonKeeper>.Instance);

        await keeper.StartingAsync(CancellationToken.None);
        Assert.False(File.Exists(_dir.Combine("replay-horizon")));

        blocker.Delete();
        await keeper.StoppedAsync(CancellationToken.None);
        Assert.Equal(Samples.T0.ToUnixTimeMilliseconds(),
            long.Parse(await File.ReadAllTextAsync(_dir.Combine("replay-horizon")), CultureInfo.InvariantCulture));
    }
}
