using Gateway.Client;

namespace Gateway.Cli.Commands;

/// <summary>The JSON result of <c>auth login</c>: the saved profile without its secret.</summary>
/// <param name="Profile">The profile's name.</param>
/// <param name="Server">Proxy listener URL.</param>
/// <param name="AdminServer">Admin listener URL.</param>
/// <param name="Credential"><c>bearer</c> or <c>hmac</c>.</param>
/// <param name="KeyId">The key's id.</param>
/// <param name="Identity">Who the gateway took the credential for; <c>null</c> with <c>--no-verify</c>.</param>
/// <param name="ConfigFile">Where the profile was saved.</param>
public sealed record LoginResult(string Profile, string Server, string AdminServer, string Credential, string? KeyId,
    CallerIdentity? Identity, string ConfigFile);
