namespace Gateway.Audit;

/// <summary>Endpoint metadata: this admin endpoint changes state and is audited under <see cref="Action"/>.</summary>
/// <param name="Action">The audit action, e.g. <c>service_account.create</c>.</param>
/// <param name="TargetRouteValue">The route value naming the target (e.g. <c>keyId</c>); <c>null</c> when the target is created by the call.</param>
public sealed record AdminAuditAttribute(string Action, string? TargetRouteValue);
