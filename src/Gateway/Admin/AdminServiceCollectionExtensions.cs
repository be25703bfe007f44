using Gateway.Admin.Access;
using Gateway.Admin.Runners;
using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Admin;

/// <summary>Registers the admin API's services: <c>Gateway:Admin</c>, request validation, the admin authorizer, runners and the bootstrap admin.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>Adds <c>Gateway:Admin</c> and the services the <c>/v1</c> endpoints use.</summary>
    public static IServiceCollection AddGatewayAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AdminOptions, AdminOptionsValidator>(configuration.GetSection(AdminOptions.SectionName));
        services.AddSingleton<AdminValidation>();
        services.AddSingleton<AdminAuthorizer>();
        services.AddSingleton<RunnerService>();
        services.AddSingleton<BootstrapAdmin>();
        return services;
    }
}
