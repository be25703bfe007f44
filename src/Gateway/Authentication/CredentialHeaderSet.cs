namespace Gateway.Authentication;

/// <summary>
/// The credential headers of every registered scheme (<see cref="CredentialHeader"/>s, deduplicated
/// case-insensitively): forwarding removes them before a request reaches the upstream unless the route keeps them.
/// </summary>
public sealed class CredentialHeaderSet(IEnumerable<CredentialHeader> headers)
{
    private const string PrefixMarker = "*";

    /// <summary>Exact header names, e.g. <c>Authorization</c>, <c>Signature</c>.</summary>
    public string[] Names { get; } = [.. headers.Select(h => h.Name).Where(n => !n.EndsWith(PrefixMarker, StringComparison.Ordinal))
        .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Header name prefixes (declared with a trailing <c>*</c>, stored without it), e.g. <c>X-Amz-</c>.</summary>
    public string[] Prefixes { get; } = [.. headers.Select(h => h.Name).Where(n => n.EndsWith(PrefixMarker, StringComparison.Ordinal))
        .Select(n => n[..^PrefixMarker.Length]).Distinct(StringComparer.OrdinalIgnoreCase)];
}
