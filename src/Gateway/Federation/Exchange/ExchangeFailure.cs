namespace Gateway.Federation.Exchange;

/// <summary>Why a token exchange was refused: the HTTP status, the gateway's <c>code</c>, the OAuth <c>error</c> and a safe detail.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Code">One of <see cref="FederationErrorCodes"/> or the gateway's error codes.</param>
/// <param name="Error">The RFC 6749 §5.2 error.</param>
/// <param name="Detail">A human explanation; never a secret, never which policy exists.</param>
/// <param name="Outcome">The low-cardinality metrics label.</param>
public sealed record ExchangeFailure(int Status, string Code, string Error, string Detail, string Outcome);
