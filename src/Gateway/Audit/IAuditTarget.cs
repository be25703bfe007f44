namespace Gateway.Audit;

/// <summary>A result that names the resource a call created, for its audit event.</summary>
public interface IAuditTarget
{
    /// <summary>The created resource's id.</summary>
    string AuditTarget { get; }
}
