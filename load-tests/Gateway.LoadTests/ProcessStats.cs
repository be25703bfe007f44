using System.Globalization;

namespace Gateway.LoadTests;

/// <summary>
/// Reads server processes from <c>/proc</c> (Linux): CPU time and context switches of a process and its children, and the peak resident set
/// (<c>VmHWM</c>), which writing <c>5</c> to <c>/proc/&lt;pid&gt;/clear_refs</c> resets so each run gets its own peak.
/// Everything returns <c>null</c> where <c>/proc</c> does not answer.
/// </summary>
public static class ProcessStats
{
    /// <summary>Linux reports CPU times in USER_HZ clock ticks, 100 per second on every mainstream architecture.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>Total user + system CPU seconds of <paramref name="pids"/> and of all their descendants.</summary>
    public static double? CpuSeconds(IReadOnlyList<int> pids)
    {
        if (pids.Count == 0 || !Directory.Exists("/proc"))
        {
            return null;
        }

        var all = WithDescendants(pids);
        long ticks = 0;
        foreach (var pid in all)
        {
            if (ReadStat(pid) is { } stat)
            {
                ticks += stat.UserTicks + stat.SystemTicks;
            }
        }

        return ticks / ClockTicksPerSecond;
    }

    /// <summary>
    /// Context switches so far (voluntary + involuntary, <c>/proc/&lt;pid&gt;/task/*/status</c>) of every thread of
    /// <paramref name="pids"/> and of all their descendants, per thread (keyed by the thread's <c>/proc</c> folder):
    /// <see cref="SwitchesBetween"/> takes the difference of two readings.
    /// </summary>
    public static IReadOnlyDictionary<string, long>? ContextSwitches(IReadOnlyList<int> pids)
    {
        if (pids.Count == 0 || !Directory.Exists("/proc"))
        {
            return null;
        }

        var switches = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pid in WithDescendants(pids))
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    switches[task] = ReadSwitches(Path.Combine(task, "status"));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile: it has nothing left to count.
            }
        }

        return switches;
    }

    /// <summary>
    /// Context switches between two readings of <see cref="ContextSwitches"/>, thread by thread: a thread started
    /// in between counts from zero, and one that ended in between drops out with what it did since the first reading
    /// (so the figure is a lower bound, never negative). Summing each reading instead went negative when a thread
    /// pool retired a long-lived worker during a run (its whole count left the second sum).
    /// </summary>
    public static long SwitchesBetween(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        long switches = 0;
        foreach (var (thread, count) in after)
        {
            switches += Math.Max(0, count - before.GetValueOrDefault(thread));
        }

        return switches;
    }

    /// <summary>
    /// CPUs of the machine (the <c>cpuN</c> lines of <c>/proc/stat</c>), whatever this process's affinity; falls back
    /// to <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public static int MachineCpuCount()
    {
        try
        {
            var count = File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsDigit(l[3]));
            return count > 0 ? count : Environment.ProcessorCount;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Environment.ProcessorCount;
        }
    }

    /// <summary>
    /// CPU seconds of the whole machine so far, from one read of the <c>cpu</c> line of <c>/proc/stat</c>: busy (every
    /// field but idle and iowait), to tell how much CPU other processes took during a run, and of it steal (the time a
    /// virtual CPU was ready to run but its host ran something else; 0 on bare metal); <c>null</c> when unreadable.
    /// </summary>
    public static (double Busy, double Steal)? MachineCpuSeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            for (var i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                if (i is not (4 or 5))
                {
                    busy += long.Parse(fields[i], CultureInfo.InvariantCulture);
                }
            }

            var steal = fields.Length > 8 ? long.Parse(fields[8], CultureInfo.InvariantCulture) : 0;
            return (busy / ClockTicksPerSecond, steal / ClockTicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Resets the peak RSS of <paramref name="pid"/> to its current RSS; <c>false</c> when not possible.</summary>
    public static bool ResetPeakRss(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The peak RSS (<c>VmHWM</c>) of <paramref name="pid"/> in MiB.</summary>
    public static double? PeakRssMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return Math.Round(kilobytes / 1024.0, 1);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        return null;
    }

    private static long ReadSwitches(string status)
    {
        long switches = 0;
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                    || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                {
                    switches += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // The thread ended meanwhile.
        }

        return switches;
    }

    private static HashSet<int> WithDescendants(IReadOnlyList<int> roots)
    {
        var result = new HashSet<int>(roots);
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat)
            {
                parents[pid] = stat.ParentPid;
            }
        }

        bool added;
        do
        {
            added = false;
            foreach (var (pid, parent) in parents)
            {
                if (result.Contains(parent) && result.Add(pid))
                {
                    added = true;
                }
            }
        }
        while (added);

        return result;
    }

    private static (int ParentPid, long UserTicks, long SystemTicks)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may contain spaces; fields after it are plain.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture),
                long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
