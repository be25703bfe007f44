// The benchmark's upstream: answers every request with the same small body ("ok", text/plain), whatever its path
// or headers, so that what the proxy in front adds to a request (identity headers) costs the upstream nothing and
// every scenario's upstream cost is the same. The echo upstream (samples/EchoUpstream) stays for functional tests.
//
//   Gateway.LoadTests.Upstream --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.Run(static context =>
{
    context.Response.ContentType = "text/plain";
    context.Response.ContentLength = 2;
    return context.Response.Body.WriteAsync("ok"u8.ToArray()).AsTask();
});
app.Run();
