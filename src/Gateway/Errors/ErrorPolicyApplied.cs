namespace Gateway.Errors;

/// <summary>
/// A request feature: a pipeline stage closer to the endpoint that waits for the request anyway (the proxied
/// request's audit frame) applies <see cref="ErrorHandlingMiddleware"/>'s policy to the rest of the pipeline itself,
/// through <see cref="ErrorHandlingMiddleware.HandleAsync"/>, so the outermost stage need not wait as well.
/// </summary>
public sealed class ErrorPolicyApplied
{
    private ErrorPolicyApplied()
    {
    }

    /// <summary>The one instance (the feature carries no state).</summary>
    public static ErrorPolicyApplied Instance { get; } = new();
}
