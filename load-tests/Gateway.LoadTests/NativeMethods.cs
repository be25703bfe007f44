using System.Runtime.InteropServices;

namespace Gateway.LoadTests;

/// <summary>libc calls used by the open-model pacer (Linux only).</summary>
internal static class NativeMethods
{
    /// <summary><c>nanosleep(2)</c>: suspends the calling thread for the given interval (microsecond-class precision).</summary>
    [DllImport("libc", EntryPoint = "nanosleep", SetLastError = false)]
    internal static extern int NanoSleep(in Timespec request, IntPtr remaining);
}
