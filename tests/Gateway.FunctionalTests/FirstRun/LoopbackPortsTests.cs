using System.Globalization;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// The ports handed to run.sh, gateways and redis-server (<see cref="LoopbackPorts"/>) lie outside the kernel's
/// ephemeral range, so no outgoing connection of another test can take one while run.sh builds (the likely cause of a
/// fresh-clone CI failure), and are never handed out twice.
/// </summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void Free_IsOutsideTheEphemeralRange_AndNeverRepeats()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
            .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(field => int.Parse(field, CultureInfo.InvariantCulture)).ToArray();

        var ports = Enumerable.Range(0, 50).Select(_ => LoopbackPorts.Free()).ToList();

        Assert.All(ports, port => Assert.True(port < range[0] || port > range[1], $"{port} is in the ephemeral range {range[0]}-{range[1]}"));
        Assert.All(ports, port => Assert.InRange(port, 1024, 65535));
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
