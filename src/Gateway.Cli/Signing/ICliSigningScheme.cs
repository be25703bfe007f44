using System.CommandLine;
using Gateway.Client.Signing;

namespace Gateway.Cli.Signing;

/// <summary>
/// The command-line side of one client signing scheme (<see cref="IRequestSigner"/>, named the same): the options it adds
/// to <c>gatewayctl request</c> (its settings, and a shorthand flag that selects it) and the signer they configure. Only
/// a scheme with settings needs one; registered once in <see cref="CliSigningSchemes.Create"/>.
/// </summary>
public interface ICliSigningScheme
{
    /// <summary>The client scheme's name (<see cref="IRequestSigner.Name"/>), a <c>--scheme</c> value.</summary>
    string Name { get; }

    /// <summary>A flag that selects the scheme like <c>--scheme</c> would (<c>--sigv4</c>), or <c>null</c>.</summary>
    Option<bool>? Shorthand { get; }

    /// <summary>Every option the scheme adds to <c>request</c>, <see cref="Shorthand"/> included.</summary>
    IReadOnlyList<Option> Options { get; }

    /// <summary>The signer, configured from the scheme's options in <paramref name="parse"/>.</summary>
    IRequestSigner CreateSigner(ParseResult parse);
}
