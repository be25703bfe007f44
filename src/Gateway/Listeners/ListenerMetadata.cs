namespace Gateway.Listeners;

/// <summary>Endpoint metadata: the endpoint answers only on this listener. Endpoints without it are proxy endpoints.</summary>
/// <param name="Name">One of <see cref="ListenerNames"/>.</param>
public sealed record ListenerMetadata(string Name);
