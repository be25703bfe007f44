using System.Runtime.InteropServices;

namespace Gateway.LoadTests;

/// <summary>The C <c>struct timespec</c> (64-bit Linux layout) passed to <c>nanosleep</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    /// <summary>Whole seconds.</summary>
    public long Seconds;

    /// <summary>Nanoseconds, 0 to 999,999,999.</summary>
    public long Nanoseconds;
}
