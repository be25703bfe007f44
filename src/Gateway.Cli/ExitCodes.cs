namespace Gateway.Cli;

/// <summary>gatewayctl's process exit codes (documented in docs/CLI.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Usage: bad or missing arguments, a refused confirmation, or a 400 from the gateway (invalid input).</summary>
    public const int Usage = 1;

    /// <summary>Authentication or authorization: 401 or 403 from the gateway, or no usable profile (not logged in).</summary>
    public const int Auth = 2;

    /// <summary>Not found: 404 from the gateway.</summary>
    public const int NotFound = 3;

    /// <summary>Conflict: 409 from the gateway.</summary>
    public const int Conflict = 4;

    /// <summary>Anything else: other HTTP errors (5xx, 413, …), network failures, timeouts, local I/O errors.</summary>
    public const int Failure = 5;

    /// <summary>The exit code for an HTTP error <paramref name="status"/>.</summary>
    public static int ForStatus(int status) => status switch
    {
        400 => Usage,
        401 or 403 => Auth,
        404 => NotFound,
        409 => Conflict,
        _ => Failure,
    };
}
