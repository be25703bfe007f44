namespace Gateway.Authentication;

/// <summary>
/// One request header that carries a caller credential, declared by the scheme that reads it, so that
/// <see cref="CredentialHeaderSet"/> (what forwarding strips) follows from the registered schemes. A name ending in
/// <c>*</c> is a prefix: <c>X-Amz-*</c> matches every <c>X-Amz-</c> header.
/// </summary>
/// <param name="Name">The header name, e.g. <c>Authorization</c>, or a prefix ending in <c>*</c>.</param>
public sealed record CredentialHeader(string Name);
