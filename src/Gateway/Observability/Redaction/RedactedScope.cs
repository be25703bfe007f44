using System.Collections;

namespace Gateway.Observability.Redaction;

/// <summary>
/// A log scope whose values and text are redacted only when a provider reads them (the hosting scope carries the
/// request path, where a misplaced token may stand).
/// </summary>
public sealed class RedactedScope(IReadOnlyList<KeyValuePair<string, object?>> inner, object original) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <inheritdoc />
    public int Count => inner.Count;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => new(inner[index].Key, SecretRedactor.Redact(inner[index].Value));

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
    public override string ToString() => SecretRedactor.Redact(original.ToString() ?? "");
}
