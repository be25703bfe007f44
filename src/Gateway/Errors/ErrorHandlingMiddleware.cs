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
    /// <summary>Runs the rest of the pipeline under the error policy.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (GatewayProblemException problem)
        {
            await ProblemWriter.WriteAsync(context, problem.Status, problem.Code, problem.Message, problem.Errors);
            return;
        }
        catch (StoreUnavailableException unavailable)
        {
            LogStoreUnavailable(logger, unavailable, context.Request.Method, context.Request.Path.Value ?? "");
            context.Response.Headers.RetryAfter = "1";
            await ProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.AuthUnavailable,
                "The account store is unavailable; the change was not made. Retry shortly.");
            return;
        }
        catch (BadHttpRequestException bad)
        {
            var tooLarge = bad.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await ProblemWriter.WriteAsync(context, bad.StatusCode,
                tooLarge ? ErrorCodes.PayloadTooLarge : ErrorCodes.InvalidRequest,
                tooLarge ? "The request body is larger than allowed." : "The request could not be read.");
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogUnhandled(logger, ex, context.Request.Method, context.Request.Path.Value ?? "");
            await ProblemWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
                "An unexpected error occurred; quote the trace id when reporting it.");
            return;
        }

        // Upstream answers pass through untouched; only the gateway's own bodiless 404/405 become problems.
        if (!context.Response.HasStarted && context.Response.ContentLength is null
            && string.IsNullOrEmpty(context.Response.ContentType)
            && context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null)
        {
            switch (context.Response.StatusCode)
            {
                case StatusCodes.Status404NotFound:
                    await ProblemWriter.WriteAsync(context, 404, ErrorCodes.NotFound, "No resource matches this path.");
                    break;
                case StatusCodes.Status405MethodNotAllowed:
                    await ProblemWriter.WriteAsync(context, 405, ErrorCodes.MethodNotAllowed, "This resource does not accept this method.");
                    break;
            }
        }
    }

    [LoggerMessage(EventId = EventIds.Errors.StoreUnavailable, Level = LogLevel.Warning, Message = "Account store unavailable for {Method} {Path}; answered 503")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = EventIds.Errors.Unhandled, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
