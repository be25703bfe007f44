namespace Gateway.Authentication;

/// <summary>
/// The <c>scheme</c> label value of one registered credential scheme: each scheme registers its own (next to its
/// challenge and credential headers), so its metric series exist at 0 from start-up and its instruments are bound once.
/// </summary>
/// <param name="Name">The label value, as reported in <c>X-Gateway-Auth-Scheme</c>, e.g. <c>api-key</c>.</param>
/// <param name="RejectsReplays">Whether the scheme refuses replayed requests (it has a <c>gateway_replay_rejections_total</c> series).</param>
public sealed record MeteredScheme(string Name, bool RejectsReplays);
