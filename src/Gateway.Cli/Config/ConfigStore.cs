using System.Text.Json;
using Gateway.Cli.Output;

namespace Gateway.Cli.Config;

/// <summary>
/// Loads and saves <c>config.json</c> in the <see cref="ConfigDirectory"/>. The file holds secrets: it is written
/// with mode 0600 (and its directory created with 0700); a file others can read draws a warning.
/// </summary>
public sealed class ConfigStore(string directory, TextWriter warnings)
{
    /// <summary>The file name inside the directory.</summary>
    public const string FileName = "config.json";

    /// <summary>The configuration file's full path.</summary>
    public string FilePath { get; } = Path.Combine(directory, FileName);

    /// <summary>The saved configuration; an empty one when there is no file yet.</summary>
    public CliConfig Load()
    {
        if (!File.Exists(FilePath))
        {
            return new CliConfig();
        }

        if (PrivateFile.IsExposed(FilePath))
        {
            warnings.WriteLine($"warning: {FilePath} holds credentials but others can read it; run: chmod 600 '{FilePath}'");
        }

        try
        {
            var config = JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(FilePath), CliJson.Options) ?? new CliConfig();
            return config with { Profiles = new Dictionary<string, Profile>(config.Profiles, StringComparer.Ordinal) };
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"{FilePath} is not a valid gatewayctl configuration (line {ex.LineNumber + 1}); fix or remove it.");
        }
    }

    /// <summary>Saves <paramref name="config"/> with mode 0600.</summary>
    public void Save(CliConfig config)
    {
        PrivateFile.EnsureDirectory(directory);
        PrivateFile.Write(FilePath, JsonSerializer.Serialize(config, CliJson.Options) + "\n");
    }
}
