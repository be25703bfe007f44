using System.Text.Json;

namespace Gateway.Cli.Output;

/// <summary>Writes a command's result to stdout in the chosen <see cref="OutputFormat"/>.</summary>
public sealed class OutputWriter(OutputFormat format, TextWriter stdout)
{
    /// <summary>The chosen format.</summary>
    public OutputFormat Format { get; } = format;

    /// <summary><c>true</c> for <c>--output json</c>.</summary>
    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Writes <paramref name="value"/> as JSON (json format) or calls <paramref name="table"/> (table format).</summary>
    public void Write<T>(T value, Func<string> table)
    {
        stdout.Write(IsJson ? JsonSerializer.Serialize(value, CliJson.Options) + "\n" : table());
        stdout.Flush();
    }

    /// <summary>Writes raw text to stdout.</summary>
    public void Raw(string text)
    {
        stdout.Write(text);
        stdout.Flush();
    }
}
