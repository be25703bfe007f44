namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// For tests that start gateway processes: a temporary folder holding a routes file (<see cref="TestRoutes"/>) that
/// points at a real echo upstream, and the data directory beside it; both are removed afterwards.
/// </summary>
public abstract class ProcessWorkspace : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The echo upstream the routes point at.</summary>
    protected EchoUpstreamHost Upstream { get; private set; } = null!;

    /// <summary>The data directory to give <see cref="GatewayProcess.StartAsync"/>.</summary>
    protected string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The routes file to give <see cref="GatewayProcess.StartAsync"/>.</summary>
    protected string RoutesFile => Path.Combine(_directory, "yarp.json");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Upstream = await EchoUpstreamHost.StartAsync();
        await File.WriteAllTextAsync(RoutesFile, TestRoutes.Json(Upstream.Url));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Upstream.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
