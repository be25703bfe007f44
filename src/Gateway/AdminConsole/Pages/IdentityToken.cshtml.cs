using Gateway.Client.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.AdminConsole.Pages;

/// <summary>
/// The keys that sign <c>X-Gateway-Identity</c>: which one signs now, which one is published ahead of its turn,
/// which retired ones stay in the JWKS until their tokens expire; <b>Rotate</b> makes the next key sign. Platform
/// administrators only (the admin API refuses anyone else, and the console shows that refusal).
/// </summary>
public sealed class IdentityTokenModel : ConsolePageModel
{
    /// <summary>The signing keys as the admin API lists them: active first, then next, then retired.</summary>
    public IReadOnlyList<IdentityTokenKey> Keys { get; private set; } = [];

    /// <summary>Lists the keys.</summary>
    public async Task OnGetAsync() => Keys = await Api.ListIdentityTokenKeysAsync(HttpContext.RequestAborted);

    /// <summary>Rotates: the next key starts signing, the active one retires.</summary>
    public async Task<IActionResult> OnPostRotateAsync()
    {
        var keys = await Api.RotateIdentityTokenKeysAsync(HttpContext.RequestAborted);
        var active = keys.FirstOrDefault(k => k.State == "active")?.Kid ?? "the next key";
        return RedirectWithFlash("/identity-token", $"Rotated: {active} now signs identity tokens; the previous key stays published until its tokens expire.");
    }
}
