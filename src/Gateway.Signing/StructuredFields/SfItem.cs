namespace Gateway.Signing.StructuredFields;

/// <summary>An RFC 8941 item: a bare item with its parameters.</summary>
public sealed class SfItem
{
    /// <summary>Creates an item.</summary>
    public SfItem(SfBareItem value, SfParameters parameters)
    {
        Value = value;
        Parameters = parameters;
    }

    /// <summary>The bare item.</summary>
    public SfBareItem Value { get; }

    /// <summary>The item's parameters (<see cref="SfParameters.Empty"/> when none).</summary>
    public SfParameters Parameters { get; }
}
