namespace Gateway.Cli.Config;

/// <summary>Where gatewayctl keeps its configuration.</summary>
public static class ConfigDirectory
{
    /// <summary>Environment variable that overrides the directory (tests, CI).</summary>
    public const string OverrideVariable = "GATEWAYCTL_CONFIG_DIR";

    /// <summary>
    /// <c>$GATEWAYCTL_CONFIG_DIR</c>; else <c>$XDG_CONFIG_HOME/gatewayctl</c>; else <c>~/.config/gatewayctl</c>
    /// (on Windows <c>%APPDATA%\gatewayctl</c>).
    /// </summary>
    public static string Resolve(Func<string, string?> getVariable)
    {
        if (getVariable(OverrideVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "gatewayctl");
        }

        if (getVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "gatewayctl");
        }

        var home = getVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".config", "gatewayctl");
    }
}
