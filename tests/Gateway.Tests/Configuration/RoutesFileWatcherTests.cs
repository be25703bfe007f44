using Gateway.Configuration;
using Gateway.Telemetry;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Prometheus;

namespace Gateway.Tests.Configuration;

/// <summary>
/// A routes file that changed but cannot be read is logged and counted, and the watcher keeps going. The read is
/// denied through the file provider: tests run as root here, where a file mode cannot deny a read.
/// </summary>
public sealed class RoutesFileWatcherTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AReadDenied_IsLoggedAndCounted_NotThrown_AndTheNextChangeIsRead()
    {
        var path = _directory.Combine("yarp.json");
        File.WriteAllText(path, """{ "ReverseProxy": { "Routes": { "a": { "ClusterId": "c" } } } }""");
        var files = new DenyingFileProvider(_directory.Path);
        var provider = new JsonConfigurationProvider(new JsonConfigurationSource { Path = "yarp.json", FileProvider = files });
        provider.Load();
        var metrics = new GatewayMetrics(Metrics.NewCustomRegistry());
        var logger = new RecordingLogger<RoutesFileWatcher>();
        var watcher = new RoutesFileWatcher(new RoutesFileWatcher.Target(path, provider), TimeProvider.System, metrics, logger);

        files.Deny = true;
        File.WriteAllText(path, """{ "ReverseProxy": { "Routes": { "bbb": { "ClusterId": "c" } } } }""");
        Assert.False(watcher.CheckNow());
        Assert.Equal(1, metrics.RoutesReloadFailures.Value);
        Assert.Contains(logger.At(LogLevel.Error), entry => entry.Message.Contains("Access to the path", StringComparison.Ordinal));
        Assert.True(provider.TryGet("ReverseProxy:Routes:a:ClusterId", out _), "the routes in force changed");

        files.Deny = false;
        File.WriteAllText(path, """{ "ReverseProxy": { "Routes": { "bb": { "ClusterId": "c" } } } }""");
        Assert.True(watcher.CheckNow());
        Assert.True(provider.TryGet("ReverseProxy:Routes:bb:ClusterId", out _));
        Assert.Equal(1, watcher.Reloads);
    }

    /// <summary>The physical files of a directory, whose reads throw what a denied open throws while <see cref="Deny"/>.</summary>
    private sealed class DenyingFileProvider(string root) : IFileProvider
    {
        private readonly PhysicalFileProvider _files = new(root);

        public volatile bool Deny;

        public IFileInfo GetFileInfo(string subpath) => new DenyingFileInfo(_files.GetFileInfo(subpath), this);

        public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

        public IChangeToken Watch(string filter) => _files.Watch(filter);

        private sealed class DenyingFileInfo(IFileInfo file, DenyingFileProvider owner) : IFileInfo
        {
            public bool Exists => file.Exists;

            public long Length => file.Length;

            // None: the JSON provider would open a physical path itself, around CreateReadStream.
            public string? PhysicalPath => null;

            public string Name => file.Name;

            public DateTimeOffset LastModified => file.LastModified;

            public bool IsDirectory => file.IsDirectory;

            public Stream CreateReadStream() => owner.Deny
                ? throw new UnauthorizedAccessException($"Access to the path '{file.PhysicalPath}' is denied.")
                : file.CreateReadStream();
        }
    }
}
