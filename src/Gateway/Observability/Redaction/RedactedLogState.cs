using System.Collections;

namespace Gateway.Observability.Redaction;

/// <summary>
/// The structured state of a log entry or scope with every value passed through <see cref="SecretRedactor"/> when
/// read (so a scope nobody prints costs nothing but this wrapper), and a redacted message.
/// </summary>
public sealed class RedactedLogState(IReadOnlyList<KeyValuePair<string, object?>> inner, string message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The redacted message.</summary>
    public string Message => message;

    /// <inheritdoc />
    public int Count => inner.Count;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index]
    {
        get
        {
            var pair = inner[index];
            return pair.Key == "{OriginalFormat}" ? pair : new KeyValuePair<string, object?>(pair.Key, SecretRedactor.Redact(pair.Value));
        }
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < inner.Count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => message;
}
