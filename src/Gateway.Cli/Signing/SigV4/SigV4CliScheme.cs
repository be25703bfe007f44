using System.CommandLine;
using Gateway.Client.Signing;
using Gateway.Client.Signing.SigV4;
using Gateway.Signing.SigV4;

namespace Gateway.Cli.Signing.SigV4;

/// <summary>AWS SigV4 on the command line: <c>--sigv4</c> (shorthand for <c>--scheme aws-sigv4</c>), <c>--region</c>, <c>--service</c>.</summary>
public sealed class SigV4CliScheme : ICliSigningScheme
{
    private readonly Option<string> _region = new("--region") { Description = "SigV4 region.", DefaultValueFactory = _ => SigV4Constants.DefaultRegion };
    private readonly Option<string> _service = new("--service") { Description = "SigV4 service.", DefaultValueFactory = _ => SigV4Constants.DefaultService };

    /// <summary>Creates the scheme's options (fresh ones for each command tree).</summary>
    public SigV4CliScheme()
    {
        Shorthand = new Option<bool>("--sigv4") { Description = "Sign with AWS SigV4 instead of RFC 9421 (HMAC profiles only)." };
        Options = [Shorthand, _region, _service];
    }

    /// <inheritdoc />
    public string Name => new SigV4RequestSigner().Name;

    /// <inheritdoc />
    public Option<bool>? Shorthand { get; }

    /// <inheritdoc />
    public IReadOnlyList<Option> Options { get; }

    /// <inheritdoc />
    public IRequestSigner CreateSigner(ParseResult parse) =>
        new SigV4RequestSigner { Region = parse.GetValue(_region)!, Service = parse.GetValue(_service)! };
}
