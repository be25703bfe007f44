using Gateway.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.AdminConsole.Pages;

/// <summary>
/// Sign-in: the administrator pastes an API key once; the key is checked against the admin API and kept in a
/// server-side session whose opaque id is the only thing the browser gets.
/// </summary>
public sealed class SignInModel : ConsolePageModel
{
    /// <summary>Why the previous session ended, when it did.</summary>
    public string? Reason { get; private set; }

    /// <summary>The message next to the key field.</summary>
    public string? Error { get; private set; }

    /// <inheritdoc />
    protected override bool RequiresSession => false;

    /// <summary>Shows the form.</summary>
    public void OnGet(string? reason) =>
        Reason = reason is { Length: > 0 and <= 40 } && reason.All(c => char.IsAsciiLetterLower(c) || c == '_')
            ? "Your session ended: the gateway no longer accepts its key (" + reason + "). Sign in again."
            : null;

    /// <summary>Checks the key and starts the session.</summary>
    public async Task<IActionResult> OnPostAsync(string? apiKey)
    {
        apiKey = apiKey?.Trim();
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 512)
        {
            Error = "Paste the API key (a gwk_… token).";
            return Page();
        }

        var factory = HttpContext.RequestServices.GetService(typeof(ConsoleApiFactory)) as ConsoleApiFactory;
        try
        {
            await factory!.Create(apiKey).ListServiceAccountsAsync(new() { Limit = 1 }, HttpContext.RequestAborted);
        }
        catch (GatewayApiException problem) when (problem.Status == StatusCodes.Status401Unauthorized)
        {
            Error = "The gateway does not accept this key: " + problem.Detail;
            return Page();
        }
        catch (GatewayApiException problem) when (problem.Status == StatusCodes.Status403Forbidden)
        {
            // A valid key without the admin scopes: signed in, and every page it may not see says so.
        }

        if (ConsoleSession is not null)
        {
            Sessions.Remove(ConsoleSession.Id);
        }

        var session = Sessions.Create(apiKey);
        Response.Cookies.Append(ConsoleEndpoints.SessionCookie, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = Request.IsHttps,
            Path = ConsoleEndpoints.BasePath,
            IsEssential = true,
        });
        return Redirect(ConsoleEndpoints.BasePath + "/accounts");
    }
}
