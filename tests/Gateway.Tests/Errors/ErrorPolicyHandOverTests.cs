using System.Text.Json;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Errors;

/// <summary>
/// The error policy's hand-over: the outermost stage waits for the rest of the pipeline and answers its exceptions,
/// unless a stage closer to the endpoint took the policy over (<see cref="ErrorPolicyApplied"/>) — then that stage's
/// task is the request's, and the policy it applies (<see cref="ErrorHandlingMiddleware.HandleAsync"/>) answers the
/// same problem.
/// </summary>
public sealed class ErrorPolicyHandOverTests
{
    [Fact]
    public async Task PipelineFailingLater_WithoutHandOver_IsAnsweredWithTheProblem()
    {
        var context = NewContext();
        var middleware = new ErrorHandlingMiddleware(async _ =>
        {
            await Task.Yield();
            throw new GatewayProblemException(StatusCodes.Status409Conflict, "conflict", "Already there.");
        }, NullLogger<ErrorHandlingMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        await AssertProblemAsync(context, StatusCodes.Status409Conflict, "conflict");
    }

    [Fact]
    public async Task PipelineFailingSynchronously_IsAnsweredWithTheProblem()
    {
        var context = NewContext();
        var middleware = new ErrorHandlingMiddleware(_ => throw new InvalidOperationException("boom"), NullLogger<ErrorHandlingMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        await AssertProblemAsync(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError);
    }

    [Fact]
    public async Task HandedOver_TheStageThatTookItOverIsTheRequestsTask_AndItsPolicyAnswersTheSame()
    {
        var context = NewContext();
        var failure = new GatewayProblemException(StatusCodes.Status409Conflict, "conflict", "Already there.");
        var upstream = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? stage = null;
        var middleware = new ErrorHandlingMiddleware(c =>
        {
            c.Features.Set(ErrorPolicyApplied.Instance);
            return stage = AnswerAfterAsync(c, upstream.Task, failure);
        }, NullLogger<ErrorHandlingMiddleware>.Instance);

        var request = middleware.InvokeAsync(context);
        Assert.Same(stage, request);
        upstream.SetResult();
        await request;

        await AssertProblemAsync(context, StatusCodes.Status409Conflict, "conflict");
    }

    private static async Task AnswerAfterAsync(HttpContext context, Task upstream, Exception failure)
    {
        await upstream;
        await ErrorHandlingMiddleware.HandleAsync(context, failure, NullLogger<ErrorHandlingMiddleware>.Instance);
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task AssertProblemAsync(HttpContext context, int status, string code)
    {
        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(ProblemWriter.ContentType, context.Response.ContentType);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
    }
}
