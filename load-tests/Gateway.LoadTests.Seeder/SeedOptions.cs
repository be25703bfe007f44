namespace Gateway.LoadTests.Seeder;

/// <summary>
/// The <c>Seed</c> configuration section (command line <c>--Seed:Name=value</c>). The gateway's own
/// <c>Gateway:DataDirectory</c> and <c>Gateway:Keys:HashKey</c> say where and under which hash key to seed.
/// </summary>
public sealed class SeedOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Seed";

    /// <summary>Bearer keys to create. Default 1,000.</summary>
    public int BearerKeys { get; set; } = 1_000;

    /// <summary>HMAC keys to create (for the signed scenarios). Default 1.</summary>
    public int HmacKeys { get; set; } = 1;

    /// <summary>Keys per service account. Default 100.</summary>
    public int KeysPerAccount { get; set; } = 100;

    /// <summary>
    /// How many bearer tokens to write to <see cref="Output"/>, spread evenly over every key created. Default 1,000.
    /// </summary>
    public int Sample { get; set; } = 1_000;

    /// <summary>Rows per SQLite transaction. Default 50,000.</summary>
    public int BatchSize { get; set; } = 50_000;

    /// <summary>The credentials file to write (mode 0600): one <c>kind id secret</c> line per key. Required.</summary>
    public string Output { get; set; } = "";
}
