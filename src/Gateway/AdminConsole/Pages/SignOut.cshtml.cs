using Microsoft.AspNetCore.Mvc;

namespace Gateway.AdminConsole.Pages;

/// <summary>Sign-out (POST only): destroys the server-side session and clears the cookie.</summary>
public sealed class SignOutModel : ConsolePageModel
{
    /// <inheritdoc />
    protected override bool RequiresSession => false;

    /// <summary>Sign-out is a form post; a plain visit goes back to the console.</summary>
    public IActionResult OnGet() => Redirect(ConsoleEndpoints.BasePath);

    /// <summary>Ends the session.</summary>
    public IActionResult OnPost()
    {
        if (ConsoleSession is not null)
        {
            Sessions.Remove(ConsoleSession.Id);
        }

        Response.Cookies.Delete(ConsoleEndpoints.SessionCookie, new() { Path = ConsoleEndpoints.BasePath });
        return Redirect(ConsoleEndpoints.BasePath + "/sign-in");
    }
}
