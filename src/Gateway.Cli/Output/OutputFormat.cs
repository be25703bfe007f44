namespace Gateway.Cli.Output;

/// <summary>How results are printed (<c>--output</c>).</summary>
public enum OutputFormat
{
    /// <summary>Aligned columns for people (default).</summary>
    Table,

    /// <summary>Indented JSON for scripts: the gateway's own shapes.</summary>
    Json,
}
