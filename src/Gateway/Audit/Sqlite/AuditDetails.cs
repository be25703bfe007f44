using System.Text.Json;

namespace Gateway.Audit.Sqlite;

/// <summary>How <see cref="AuditEvent.Details"/> is kept in the embedded store: a JSON object of strings, or NULL.</summary>
internal static class AuditDetails
{
    /// <summary>The column value for <paramref name="details"/>.</summary>
    public static string? Format(IReadOnlyDictionary<string, string>? details) =>
        details is null || details.Count == 0 ? null : JsonSerializer.Serialize(details);

    /// <summary>The details stored in <paramref name="column"/>.</summary>
    public static IReadOnlyDictionary<string, string>? Parse(string? column) =>
        column is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(column);
}
