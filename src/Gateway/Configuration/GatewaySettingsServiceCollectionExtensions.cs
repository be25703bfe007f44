using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Configuration;

/// <summary>Registration of extra <c>Gateway:</c> sections for the unknown-key check.</summary>
public static class GatewaySettingsServiceCollectionExtensions
{
    /// <summary>
    /// Declares that <c>Gateway:<paramref name="name"/></c> binds to <typeparamref name="TOptions"/> (one line per
    /// feature that binds its own section instead of adding a member to <c>GatewayOptions</c>).
    /// </summary>
    public static IServiceCollection AddGatewaySettingsSection<TOptions>(this IServiceCollection services, string name)
        where TOptions : class
    {
        services.AddSingleton(new GatewaySettingsSection(name, typeof(TOptions)));
        return services;
    }
}
