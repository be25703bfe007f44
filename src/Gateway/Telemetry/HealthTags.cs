namespace Gateway.Telemetry;

/// <summary>Tags of the health checks features register; <c>/readyz</c> (Observability) runs the ones tagged <see cref="Ready"/>.</summary>
public static class HealthTags
{
    /// <summary>Tag of the checks <c>/readyz</c> runs: <c>ready</c>.</summary>
    public const string Ready = "ready";
}
