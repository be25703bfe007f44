namespace Gateway.Authentication;

/// <summary>Every registered <see cref="MeteredScheme"/>, in registration order, one per name.</summary>
public sealed class MeteredSchemes(IEnumerable<MeteredScheme> schemes)
{
    /// <summary>The schemes; a name registered twice keeps its first registration.</summary>
    public MeteredScheme[] All { get; } = [.. schemes.DistinctBy(s => s.Name, StringComparer.Ordinal)];
}
