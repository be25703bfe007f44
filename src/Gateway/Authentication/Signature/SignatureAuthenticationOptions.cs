using Microsoft.AspNetCore.Authentication;

namespace Gateway.Authentication.Signature;

/// <summary>Options of the signed-request handler; the signing settings themselves come from <c>Gateway:Signing</c>.</summary>
public sealed class SignatureAuthenticationOptions : AuthenticationSchemeOptions;
