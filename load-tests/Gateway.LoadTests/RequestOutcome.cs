namespace Gateway.LoadTests;

/// <summary>How one request of a load run ended.</summary>
public enum RequestOutcome
{
    /// <summary>A 2xx answer, read to its end.</summary>
    Succeeded,

    /// <summary>A non-2xx answer, or the connection failed.</summary>
    Failed,

    /// <summary>
    /// Still unanswered when the run's deadline (its length plus the request timeout) cancelled it: the servers or the
    /// machine did not keep up with the load, as when an open run falls behind its schedule.
    /// </summary>
    TimedOut,
}
