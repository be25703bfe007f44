using EchoUpstream;

var app = EchoServer.Build(args);
await app.RunAsync();
