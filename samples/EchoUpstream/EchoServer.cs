using System.Text;
using System.Text.Json;

namespace EchoUpstream;

/// <summary>
/// A tiny upstream that answers every request with what it received: method, path, query, headers and body, as
/// JSON. It lets a newcomer (and the functional tests) see exactly what the gateway forwards.
/// </summary>
public static class EchoServer
{
    /// <summary>Default listen address when no <c>--urls</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the echo app; <paramref name="urls"/> overrides where it listens.</summary>
    public static WebApplication Build(string[] args, string? urls = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls ?? builder.Configuration["urls"] ?? DefaultUrl);
        var app = builder.Build();
        app.Run(EchoAsync);
        return app;
    }

    private static async Task EchoAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var echo = new Dictionary<string, object?>
        {
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
            ["query"] = context.Request.QueryString.Value,
            ["headers"] = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
            ["body"] = Encoding.UTF8.GetString(body.ToArray()),
            ["bodyLength"] = body.Length,
        };
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, echo, EchoJson.Options, context.RequestAborted);
    }
}
