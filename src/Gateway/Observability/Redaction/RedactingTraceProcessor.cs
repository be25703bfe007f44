using System.Diagnostics;
using OpenTelemetry;

namespace Gateway.Observability.Redaction;

/// <summary>
/// Removes possible credentials from the string attributes of every finished span (<c>url.path</c> of the incoming
/// request, <c>url.full</c> of the forwarded one) before any exporter sees it. Cost: one scan per string attribute
/// of a recorded span.
/// </summary>
public sealed class RedactingTraceProcessor : BaseProcessor<Activity>
{
    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        List<(string Key, string Value)>? changed = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string text && SecretRedactor.Redact(text) is var redacted && !ReferenceEquals(redacted, text))
            {
                (changed ??= []).Add((tag.Key, redacted));
            }
        }

        if (changed is null)
        {
            return;
        }

        foreach (var (key, value) in changed)
        {
            data.SetTag(key, value);
        }
    }
}
