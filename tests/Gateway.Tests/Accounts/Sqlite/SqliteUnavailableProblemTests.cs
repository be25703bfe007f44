using System.Text.Json;
using Gateway.Accounts.Sqlite;
using Gateway.Errors;
using Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Accounts.Sqlite;

/// <summary>
/// An embedded database that cannot answer reaches API callers as Redis outages do: 503 <c>auth_unavailable</c>
/// problem with <c>Retry-After</c>, never a 500 (real SQLite over a path it cannot open; the real error middleware).
/// </summary>
public sealed class SqliteUnavailableProblemTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task StoreThatCannotOpenItsFile_AnswersServiceUnavailableProblem()
    {
        var path = _dir.Combine("data", "gateway.db");
        Directory.CreateDirectory(path);
        var store = new SqliteAccountStore(path);
        var middleware = new ErrorHandlingMiddleware(
            async context => { await store.GetAccountAsync("sa_missing", context.RequestAborted); },
            NullLogger<ErrorHandlingMiddleware>.Instance);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ProblemWriter.ContentType, context.Response.ContentType);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(ErrorCodes.AuthUnavailable, body.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("gateway.db", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }
}
