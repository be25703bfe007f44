using Microsoft.AspNetCore.Http;

namespace Gateway.Errors;

/// <summary>Collects per-field validation messages and throws one 400 <c>validation_failed</c> naming them all.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary><c>true</c> once any message was added.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Adds <paramref name="message"/> for <paramref name="field"/> (JSON name, e.g. <c>roles[2]</c>).</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Throws a <see cref="GatewayProblemException"/> when there are errors.</summary>
    public void ThrowIfAny()
    {
        if (!HasErrors)
        {
            return;
        }

        var fields = string.Join(", ", _errors.Keys);
        throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed,
            $"Invalid value for: {fields}.", _errors.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }
}
