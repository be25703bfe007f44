using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Gateway.Configuration;

/// <summary>
/// How configuration files are watched: only the routes file, and never a folder. The host's own file sources
/// (<c>appsettings*.json</c>) are read once at start — their default <c>reloadOnChange</c> puts a recursive
/// file-system watcher on the content root, which is also where <c>./data</c> lives in the default layout, so every
/// SQLite WAL write became watcher work. The routes file is instead re-read when its modification time or size
/// changes, checked every <see cref="CheckInterval"/> by <see cref="RoutesFileWatcher"/> (one <c>stat</c> call per check,
/// whatever lies beside the file).
/// </summary>
public static class RoutesFileConfiguration
{
    /// <summary>The command-line switch that turns the host's default configuration reload off.</summary>
    public const string NoHostReloadArgument = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>How often the routes file is checked for a change.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary><paramref name="args"/> with the host's default configuration reload turned off.</summary>
    public static string[] WithoutHostReload(string[] args) => [.. args, NoHostReloadArgument];

    /// <summary>
    /// Adds <paramref name="routesFile"/> as a configuration source and the service that reloads it, then the command
    /// line <paramref name="args"/> again, so that they still override the file as they override every other source.
    /// </summary>
    public static void AddRoutesFile(this WebApplicationBuilder builder, string routesFile, string[] args)
    {
        var path = Path.GetFullPath(routesFile);
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(path)!),
            Path = Path.GetFileName(path),
            Optional = false,
            ReloadOnChange = false,
        };
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        builder.Configuration.AddCommandLine(args);
        var provider = ((IConfigurationRoot)builder.Configuration).Providers
            .OfType<JsonConfigurationProvider>()
            .Last(p => ReferenceEquals(p.Source, source));
        builder.Services.AddSingleton(new RoutesFileWatcher.Target(path, provider));
        builder.Services.AddSingleton<RoutesFileWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RoutesFileWatcher>());
    }
}
