using System.Runtime.InteropServices;

namespace Gateway.LoadTests;

/// <summary>
/// Stops the harness's other servers while a scenario is measured, and continues them afterwards (<c>SIGSTOP</c> and
/// <c>SIGCONT</c>, Linux and macOS). An idle .NET server is not idle on a busy core: after every timer tick its
/// thread-pool workers spin in <c>sched_yield</c> (≈ 1,300 context switches per second each, measured in
/// docs/PERFORMANCE.md, "Hot path, sixth pass: what the harness can resolve"), and a full run keeps several such
/// gateways and the plain YARP host on the servers' CPU. A paused server keeps its sockets; connections to it simply
/// wait.
/// </summary>
public static partial class IdleServers
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>
    /// Stops every process of <paramref name="pids"/> (a process that is gone is skipped) and returns what continues
    /// them when disposed; nothing happens where signals are not available (Windows).
    /// </summary>
    public static IDisposable Pause(IEnumerable<int> pids)
    {
        var stopped = new List<int>();
        if (!OperatingSystem.IsWindows())
        {
            foreach (var pid in pids)
            {
                if (Kill(pid, SigStop) == 0)
                {
                    stopped.Add(pid);
                }
            }
        }

        return new Resume(stopped);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private sealed class Resume(List<int> stopped) : IDisposable
    {
        public void Dispose()
        {
            foreach (var pid in stopped)
            {
                _ = Kill(pid, SigCont);
            }

            stopped.Clear();
        }
    }
}
