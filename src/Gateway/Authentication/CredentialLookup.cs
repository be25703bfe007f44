using Gateway.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Gateway.Authentication;

/// <summary>The result of <see cref="CredentialAuthenticator.FindAsync"/>.</summary>
/// <param name="Credential">The key's credential; <c>null</c> when the key id is unknown.</param>
/// <param name="Failure">The failed result when the store could not be asked; <c>null</c> otherwise.</param>
public readonly record struct CredentialLookup(Credential? Credential, AuthenticateResult? Failure);
