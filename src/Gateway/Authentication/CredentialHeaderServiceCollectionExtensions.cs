using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Authentication;

/// <summary>Declares the headers a credential scheme reads, so forwarding strips them (<see cref="CredentialHeaderSet"/>).</summary>
public static class CredentialHeaderServiceCollectionExtensions
{
    /// <summary>Adds a <see cref="CredentialHeader"/> for each of <paramref name="names"/> (a trailing <c>*</c> makes a prefix).</summary>
    public static IServiceCollection AddCredentialHeaders(this IServiceCollection services, params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            services.AddSingleton(new CredentialHeader(name));
        }

        return services;
    }
}
