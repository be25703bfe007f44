namespace Gateway.Federation.Exchange;

/// <summary>Audit actions of workload identity federation.</summary>
public static class FederationAuditActions
{
    /// <summary>A successful id_token exchange; target: the policy id and the token's sub, repository/project and ref.</summary>
    public const string TokenExchange = "federation.token_exchange";

    /// <summary>A trust policy was added (target: its id).</summary>
    public const string PolicyCreate = "trust_policy.create";

    /// <summary>A trust policy was deleted (target: its id).</summary>
    public const string PolicyDelete = "trust_policy.delete";
}
