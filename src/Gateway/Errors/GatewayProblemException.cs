namespace Gateway.Errors;

/// <summary>
/// Thrown inside admin endpoints to end the request with a problem; the error middleware turns it into the
/// documented status and code. Never carries a secret.
/// </summary>
public sealed class GatewayProblemException(int status, string code, string detail,
    IReadOnlyDictionary<string, string[]>? errors = null) : Exception(detail)
{
    /// <summary>HTTP status to answer with.</summary>
    public int Status { get; } = status;

    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; } = code;

    /// <summary>Per-field messages for <see cref="ErrorCodes.ValidationFailed"/>; <c>null</c> otherwise.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
}
