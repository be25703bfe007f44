// The benchmark's reference proxy: a minimal YARP host with default settings, one route, the same upstream as the
// gateway. Whatever the gateway's anonymous route costs beyond this is the gateway's own pipeline.
//
//   Gateway.LoadTests.PlainYarp --urls http://127.0.0.1:PORT --upstream http://127.0.0.1:UPSTREAM/
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var upstream = builder.Configuration["upstream"] ?? throw new InvalidOperationException("--upstream is required");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new Yarp.ReverseProxy.Configuration.RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new() { Path = "/{**rest}" } }],
    [new Yarp.ReverseProxy.Configuration.ClusterConfig
    {
        ClusterId = "upstream",
        Destinations = new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig>
        {
            ["upstream"] = new() { Address = upstream },
        },
    }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
