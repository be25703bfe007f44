using System.Collections.ObjectModel;
using System.Security.Claims;
using Gateway.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Gateway.Authentication;

/// <summary>
/// A successful authentication built once per cached credential, scheme and roles version (<see cref="PrincipalCache"/>)
/// and returned to every request that credential authenticates, with the request feature that carries the credential
/// and the completed task that answers a synchronous authentication: a success then allocates nothing.
/// <para>
/// Sharing is safe because nothing reachable from it can change per request: the principal is never modified after
/// authentication (see <see cref="CredentialValidator"/>); <see cref="AuthenticateResult"/> and
/// <see cref="AuthenticationTicket"/> have no public setters; and the ticket's <see cref="AuthenticationProperties"/>
/// are built over read-only empty dictionaries, so code that tried to write one (an <c>Items</c> entry, an expiry)
/// would throw instead of leaking into other requests. ASP.NET Core's authentication service re-wraps the ticket
/// (same principal and properties) without writing to them; the authorization stage and the policy evaluator read
/// the result only. The gateway's own schemes never write authentication properties.
/// </para>
/// </summary>
public sealed class SharedSuccessResult : AuthenticateResult
{
    private static readonly ReadOnlyDictionary<string, string?> NoItems = ReadOnlyDictionary<string, string?>.Empty;
    private static readonly ReadOnlyDictionary<string, object?> NoParameters = ReadOnlyDictionary<string, object?>.Empty;

    /// <summary>A success for <paramref name="principal"/>, authenticated by the handler scheme <paramref name="authenticationType"/>, with <paramref name="credential"/>.</summary>
    public SharedSuccessResult(Credential credential, ClaimsPrincipal principal, string authenticationType)
        : this(credential, principal, authenticationType, authScheme: null, rolesVersion: null)
    {
    }

    /// <summary>A success kept by the <see cref="PrincipalCache"/>, with what it was built for.</summary>
    internal SharedSuccessResult(Credential credential, ClaimsPrincipal principal, string authenticationType, string? authScheme, object? rolesVersion)
    {
        Ticket = new AuthenticationTicket(principal, new AuthenticationProperties(NoItems, NoParameters), authenticationType);
        Properties = Ticket.Properties;
        Feature = new GatewayCredentialFeature(credential);
        Completed = Task.FromResult<AuthenticateResult>(this);
        Credential = credential;
        User = principal;
        Caller = GatewayIdentity.From(principal);
        AuthScheme = authScheme;
        AuthenticationType = authenticationType;
        RolesVersion = rolesVersion;
    }

    /// <summary>The credential (the <see cref="Feature"/>'s), held here too: the access step reads it without the feature.</summary>
    internal Credential Credential { get; }

    /// <summary>The principal (the ticket's), held here too: the access step sets it as the request's user without reading the ticket.</summary>
    internal ClaimsPrincipal User { get; }

    /// <summary>The principal's caller (<see cref="GatewayIdentity.From"/>), <c>null</c> for an anonymous principal.</summary>
    internal GatewayIdentity? Caller { get; }

    /// <summary>The scheme the caller authenticated with (<see cref="GatewayIdentity.AuthScheme"/>), when the principal cache keeps it.</summary>
    internal string? AuthScheme { get; }

    /// <summary>The handler scheme (the ticket's), held here too so a lookup compares it without reading the ticket.</summary>
    internal string AuthenticationType { get; }

    /// <summary>The roles version the principal's scopes were resolved under, when the principal cache keeps it.</summary>
    internal object? RolesVersion { get; }

    /// <summary>Whether this result was built for these inputs (reference comparisons first: callers pass the registered names).</summary>
    internal bool IsFor(string authScheme, string authenticationType, object rolesVersion) =>
        ReferenceEquals(RolesVersion, rolesVersion)
        && string.Equals(AuthScheme, authScheme, StringComparison.Ordinal)
        && string.Equals(AuthenticationType, authenticationType, StringComparison.Ordinal);

    /// <summary>The request feature that carries the credential (an immutable record, shared like the result).</summary>
    public GatewayCredentialFeature Feature { get; }

    /// <summary>This result as a completed task.</summary>
    public Task<AuthenticateResult> Completed { get; }

    /// <summary><paramref name="result"/> as a completed task: a shared result's own, any other a new one.</summary>
    public static Task<AuthenticateResult> TaskOf(AuthenticateResult result) =>
        result is SharedSuccessResult shared ? shared.Completed : Task.FromResult(result);
}
