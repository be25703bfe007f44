using Gateway.Client;
using Gateway.Client.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.AdminConsole;

/// <summary>
/// Base of every console page: finds the session (else sends the browser to sign-in), gives the page an admin-API
/// client acting with the session's key, and turns the API's refusals into pages: 401 signs out, 403 shows
/// "not allowed", 404 "not found", anything else the problem's detail.
/// </summary>
public abstract class ConsolePageModel : PageModel
{
    private GatewayAdminClient? _api;

    /// <summary>The signed-in session; set before any handler of a page that needs one runs.</summary>
    public ConsoleSession? ConsoleSession { get; private set; }

    /// <summary>A message left by the previous action, shown once.</summary>
    public string? FlashMessage { get; private set; }

    /// <summary>Whether the page needs a signed-in session (sign-in itself does not).</summary>
    protected virtual bool RequiresSession => true;

    /// <summary>The admin API, acting with the session's key.</summary>
    protected GatewayAdminClient Api =>
        _api ??= HttpContext.RequestServices.GetRequiredService<ConsoleApiFactory>().Create(
            ConsoleSession?.ApiKey ?? throw new InvalidOperationException("No console session."));

    /// <summary>The session store.</summary>
    protected ConsoleSessionStore Sessions => HttpContext.RequestServices.GetRequiredService<ConsoleSessionStore>();

    /// <inheritdoc />
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ConsoleSession = Sessions.Find(Request.Cookies[ConsoleEndpoints.SessionCookie]);
        if (ConsoleSession is null && RequiresSession)
        {
            context.Result = Redirect(ConsoleEndpoints.BasePath + "/sign-in");
            return;
        }

        FlashMessage = ConsoleSession?.TakeFlash();
        ViewData["Session"] = ConsoleSession;
        ViewData["Flash"] = FlashMessage;
        var executed = await next();
        if (executed.Exception is GatewayApiException problem && !executed.ExceptionHandled)
        {
            executed.Result = Refused(problem);
            executed.ExceptionHandled = true;
        }
        else if (executed.Exception is HttpRequestException && !executed.ExceptionHandled)
        {
            executed.Result = Problem("The admin API could not be reached", "The gateway did not answer its own admin API; try again.", 503);
            executed.ExceptionHandled = true;
        }
    }

    /// <summary>Redirects to <paramref name="path"/> (under <c>/console</c>) with a one-time message.</summary>
    protected IActionResult RedirectWithFlash(string path, string message)
    {
        ConsoleSession?.Flash(message);
        return Redirect(ConsoleEndpoints.BasePath + path);
    }

    /// <summary>Copies the API's per-field validation messages onto the form fields named by <paramref name="fields"/>.</summary>
    protected void AddFieldErrors(GatewayApiException problem, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (apiField, messages) in problem.Errors)
        {
            var root = apiField.Split('[', '.')[0];
            var field = fields.TryGetValue(root, out var mapped) ? mapped : "";
            foreach (var message in messages)
            {
                ModelState.AddModelError(field, message);
            }
        }

        if (problem.Errors.Count == 0)
        {
            ModelState.AddModelError("", problem.Detail);
        }
    }

    /// <summary>The validation messages of <paramref name="field"/> (empty string: the form as a whole); <c>null</c> when none.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    /// <summary>Whether <paramref name="problem"/> is a refusal of the submitted values (shown next to the fields).</summary>
    protected static bool IsInputProblem(GatewayApiException problem) =>
        problem.Status is StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict;

    private IActionResult Refused(GatewayApiException problem)
    {
        switch (problem.Status)
        {
            case StatusCodes.Status401Unauthorized:
                if (ConsoleSession is not null)
                {
                    Sessions.Remove(ConsoleSession.Id);
                }

                return Redirect(ConsoleEndpoints.BasePath + "/sign-in?reason=" + Uri.EscapeDataString(problem.Code));
            case StatusCodes.Status403Forbidden:
                return Problem("Not allowed",
                    "The key you signed in with is not allowed to do this. " + problem.Detail +
                    " Ask an administrator for a key with the admin role, or sign in with another key.", 403, problem.Code);
            case StatusCodes.Status404NotFound:
                return Problem("Not found", "It does not exist (any more), or it is not visible to the key you signed in with.", 404, problem.Code);
            default:
                return Problem("The gateway refused this", problem.Detail, problem.Status, problem.Code, problem.TraceId);
        }
    }

    private ViewResult Problem(string title, string detail, int status, string? code = null, string? traceId = null)
    {
        return new ViewResult
        {
            ViewName = "Problem",
            StatusCode = status,
            ViewData = new ViewDataDictionary<ConsoleProblem>(MetadataProvider, ModelState)
            {
                Model = new ConsoleProblem(title, detail, status, code, traceId),
                ["Title"] = title,
                ["Session"] = ConsoleSession,
            },
        };
    }
}
