namespace Gateway.Client;

/// <summary>Options for <see cref="BearerTokenHandler"/>.</summary>
public sealed record BearerTokenOptions
{
    /// <summary>The API key token (<c>gwk_…</c>) sent as <c>Authorization: Bearer &lt;token&gt;</c>. Required.</summary>
    public required string Token { get; init; }
}
