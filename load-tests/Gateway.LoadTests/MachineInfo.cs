namespace Gateway.LoadTests;

/// <summary>The machine a run was made on, from <c>/proc</c>.</summary>
/// <param name="Processors">Logical processors of the machine (not only those the load generator is pinned to).</param>
/// <param name="CpuModel">The first <c>model name</c> of <c>/proc/cpuinfo</c>.</param>
/// <param name="MemoryMiB"><c>MemTotal</c> of <c>/proc/meminfo</c> in MiB.</param>
/// <param name="Runtime">The .NET runtime of the load generator.</param>
public sealed record MachineInfo(int Processors, string CpuModel, long MemoryMiB, string Runtime)
{
    /// <summary>Reads the current machine.</summary>
    public static MachineInfo Current() => new(
        ProcessStats.MachineCpuCount(),
        ReadField("/proc/cpuinfo", "model name") ?? "unknown",
        long.TryParse(ReadField("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kilobytes) ? kilobytes / 1024 : 0,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    private static string? ReadField(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().SequenceEqual(name))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
