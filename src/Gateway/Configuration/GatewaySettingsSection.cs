namespace Gateway.Configuration;

/// <summary>
/// A section under <c>Gateway:</c> bound to an options type of its own rather than to a member of
/// <c>GatewayOptions</c>. Registered with
/// <see cref="GatewaySettingsServiceCollectionExtensions.AddGatewaySettingsSection{TOptions}"/> so that the unknown-key
/// check at start knows its keys.
/// </summary>
public sealed record GatewaySettingsSection(string Name, Type OptionsType);
