namespace Gateway.Cli.Config;

/// <summary>The contents of <c>config.json</c>: the profiles and which one is current.</summary>
public sealed record CliConfig
{
    /// <summary>The profile used when neither <c>--profile</c> nor <c>GATEWAYCTL_PROFILE</c> names one.</summary>
    public string? CurrentProfile { get; init; }

    /// <summary>Profiles by name.</summary>
    public Dictionary<string, Profile> Profiles { get; init; } = new(StringComparer.Ordinal);
}
