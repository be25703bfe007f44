namespace Gateway.Cli.Config;

/// <summary>Rules for profile names and the default one.</summary>
public static class ProfileNames
{
    /// <summary>The profile <c>auth login</c> writes when no <c>--profile</c> is given.</summary>
    public const string Default = "default";

    /// <summary><c>true</c> for 1-64 characters of ASCII letters, digits, <c>.</c>, <c>-</c> and <c>_</c>.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
