namespace Gateway.Audit;

/// <summary>One page of audit events, newest first.</summary>
/// <param name="Items">The events.</param>
/// <param name="NextCursor">Opaque position of the next page; <c>null</c> on the last.</param>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, string? NextCursor);
