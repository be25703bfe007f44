namespace Gateway.Cli.Commands;

/// <summary>One row of <c>auth list</c>: a profile without its secret.</summary>
/// <param name="Name">The profile's name.</param>
/// <param name="Current">Whether it is the current profile.</param>
/// <param name="Server">Proxy listener URL.</param>
/// <param name="AdminServer">Admin listener URL.</param>
/// <param name="Credential"><c>bearer</c> or <c>hmac</c>.</param>
/// <param name="KeyId">The key's id, when it can be told.</param>
public sealed record ProfileSummary(string Name, bool Current, string Server, string AdminServer, string Credential, string? KeyId);
