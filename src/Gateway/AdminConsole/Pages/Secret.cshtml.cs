using Gateway.Client.Admin;

namespace Gateway.AdminConsole.Pages;

/// <summary>
/// The one-time secret page: shows the key the session holds and removes it from the session in the same read, so
/// a reload or "back" shows "already shown". Like every console page it is <c>no-store</c>.
/// </summary>
public sealed class SecretModel : ConsolePageModel
{
    /// <summary>The key to show; <c>null</c> when it was shown already.</summary>
    public IssuedApiKey? Key { get; private set; }

    /// <summary>Takes the secret out of the session.</summary>
    public void OnGet() => Key = ConsoleSession!.TakeSecret();
}
