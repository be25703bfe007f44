namespace Gateway.Hosting.Startup;

/// <summary>
/// Runtime settings the gateway chooses for its own process, applied first thing in <c>Main</c>, before any socket
/// exists. Each is an environment variable the .NET runtime reads once, and each is set only when the environment does
/// not already name it, so an operator's value always wins (docs/CONFIGURATION.md, "Runtime settings").
/// </summary>
public static class RuntimeDefaults
{
    /// <summary>
    /// Socket completions run on the socket event thread instead of being queued to the thread pool (the runtime then
    /// starts one event thread per processor). A proxy's request crosses several sockets (the caller's, the
    /// upstream's, Redis's); each completion queued to the pool is a hand-over between threads, which on one or two
    /// cores is a context switch. Kestrel still runs the gateway's request code on the thread pool (its own inline
    /// scheduling stays off), so the gateway's synchronous store reads never run on an event thread. Measured in
    /// docs/PERFORMANCE.md ("Runtime: socket completions on the event thread"). <c>0</c> turns it off.
    /// </summary>
    public const string InlineSocketCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Applies the defaults to this process's environment.</summary>
    public static void Apply() => Apply(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    /// <summary>Sets each default through <paramref name="set"/> unless <paramref name="get"/> already names a value.</summary>
    internal static void Apply(Func<string, string?> get, Action<string, string?> set)
    {
        if (string.IsNullOrEmpty(get(InlineSocketCompletions)))
        {
            set(InlineSocketCompletions, "1");
        }
    }
}
