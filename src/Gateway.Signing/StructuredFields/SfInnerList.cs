namespace Gateway.Signing.StructuredFields;

/// <summary>
/// An RFC 8941 inner list with its parameters, plus its serialization exactly as it appeared in the field
/// (from <c>(</c> to the end of its parameters), which RFC 9421 signs as <c>@signature-params</c>.
/// </summary>
public sealed class SfInnerList
{
    /// <summary>Creates an inner list.</summary>
    public SfInnerList(IReadOnlyList<SfItem> items, SfParameters parameters, string serialized)
    {
        Items = items;
        Parameters = parameters;
        Serialized = serialized;
    }

    /// <summary>The items in order.</summary>
    public IReadOnlyList<SfItem> Items { get; }

    /// <summary>The inner list's parameters.</summary>
    public SfParameters Parameters { get; }

    /// <summary>The inner list as received, e.g. <c>("@method" "@path");created=1;keyid="k"</c>.</summary>
    public string Serialized { get; }
}
