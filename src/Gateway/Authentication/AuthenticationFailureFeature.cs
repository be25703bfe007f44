namespace Gateway.Authentication;

/// <summary>
/// Why authentication failed for this request, kept on the request's features so the challenge can answer with
/// the right problem. Details never contain a secret.
/// </summary>
/// <param name="Code">One of <see cref="Errors.ErrorCodes"/>.</param>
/// <param name="Detail">A human explanation, safe to show the caller.</param>
public sealed record AuthenticationFailureFeature(string Code, string Detail);
