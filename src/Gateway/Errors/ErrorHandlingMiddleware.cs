using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Model;

namespace Gateway.Errors;

/// <summary>
/// Outermost middleware: turns <see cref="GatewayProblemException"/> and Kestrel's bad-request exceptions into
/// their problem, <see cref="StoreUnavailableException"/> into 503 <c>auth_unavailable</c> (with
/// <c>Retry-After</c>), anything else into a 500 that carries only the trace id, and bodiless 404/405 answers into
/// problems.
/// </summary>
public sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    /// <summary>
    /// Runs the rest of the pipeline under the error policy. A proxied request's audit frame
    /// (<see cref="ErrorPolicyApplied"/>), which waits for the request anyway, applies the same policy itself: this
    /// stage then adds no state machine of its own to the request.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        Task rest;
        try
        {
            rest = next(context);
        }
        catch (Exception ex)
        {
            return HandleAsync(context, ex, logger);
        }

        if (rest.IsCompletedSuccessfully)
        {
            return AnswerUnmatchedAsync(context);
        }

        return context.Features.Get<ErrorPolicyApplied>() is not null ? rest : AwaitAsync(context, rest);
    }

    /// <summary>
    /// The error policy for <paramref name="exception"/> thrown by the pipeline: the problem answer it gets (or nothing
    /// when the client went away), logged under <paramref name="logger"/> as this middleware logs it.
    /// </summary>
    public static Task HandleAsync(HttpContext context, Exception exception, ILogger logger)
    {
        switch (exception)
        {
            case GatewayProblemException problem:
                return ProblemWriter.WriteAsync(context, problem.Status, problem.Code, problem.Message, problem.Errors);
            case StoreUnavailableException unavailable:
                LogStoreUnavailable(logger, unavailable, context.Request.Method, context.Request.Path.Value ?? "");
                context.Response.Headers.RetryAfter = "1";
                return ProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.AuthUnavailable,
                    "The account store is unavailable; the change was not made. Retry shortly.");
            case BadHttpRequestException bad:
                var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
                return ProblemWriter.WriteAsync(context, bad.StatusCode,
                    tooLarge ? ErrorCodes.PayloadTooLarge : ErrorCodes.InvalidRequest,
                    tooLarge ? "The request body is larger than allowed." : "The request could not be read.");
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return Task.CompletedTask;
            default:
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path.Value ?? "");
                return ProblemWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
                    "An unexpected error occurred; quote the trace id when reporting it.");
        }
    }

    private async Task AwaitAsync(HttpContext context, Task rest)
    {
        try
        {
            await rest;
        }
        catch (Exception ex)
        {
            await HandleAsync(context, ex, logger);
            return;
        }

        await AnswerUnmatchedAsync(context);
    }

    // Upstream answers pass through untouched; only the gateway's own bodiless 404/405 become problems.
    private static Task AnswerUnmatchedAsync(HttpContext context)
    {
        if (context.Response.HasStarted || context.Response.ContentLength is not null
            || !string.IsNullOrEmpty(context.Response.ContentType)
            || context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not null)
        {
            return Task.CompletedTask;
        }

        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ProblemWriter.WriteAsync(context, 404, ErrorCodes.NotFound, "No resource matches this path."),
            StatusCodes.Status405MethodNotAllowed => ProblemWriter.WriteAsync(context, 405, ErrorCodes.MethodNotAllowed, "This resource does not accept this method."),
            _ => Task.CompletedTask,
        };
    }

    [LoggerMessage(EventId = EventIds.Errors.StoreUnavailable, Level = LogLevel.Warning, Message = "Account store unavailable for {Method} {Path}; answered 503")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = EventIds.Errors.Unhandled, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
