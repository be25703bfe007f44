using System.Globalization;
using Gateway.Client;
using Gateway.Client.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.AdminConsole.Pages.Accounts;

/// <summary>
/// One account: its facts, Disable/Enable, Delete (typed-name confirmation), its keys with Revoke and Renew, and a
/// form for a new key whose secret goes to the one-time page.
/// </summary>
public sealed class AccountDetailModel : ConsolePageModel
{
    /// <summary>Keys expiring within this are flagged.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(7);

    private static readonly Dictionary<string, string> KeyFields = new(StringComparer.Ordinal)
    {
        ["description"] = nameof(KeyDescription), ["expiresAt"] = nameof(ExpiresOn), ["allowedCidrs"] = nameof(KeyCidrs),
    };

    private static readonly Dictionary<string, string> LimitFields = new(StringComparer.Ordinal)
    {
        ["rateLimit"] = nameof(Rate), ["quota"] = nameof(QuotaText),
    };

    /// <summary>The account id from the route.</summary>
    [FromRoute]
    public string Id { get; set; } = "";

    /// <summary>The account.</summary>
    public ServiceAccount? Account { get; private set; }

    /// <summary>Its keys, oldest first.</summary>
    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];

    /// <summary>New key: bearer or hmac.</summary>
    [BindProperty]
    public string? Kind { get; set; }

    /// <summary>New key: description.</summary>
    [BindProperty]
    public string? KeyDescription { get; set; }

    /// <summary>New key: last day it works (<c>yyyy-MM-dd</c>, UTC).</summary>
    [BindProperty]
    public string? ExpiresOn { get; set; }

    /// <summary>New key: CIDR blocks.</summary>
    [BindProperty]
    public string? KeyCidrs { get; set; }

    /// <summary>Limits: the rate, <c>600/min</c> or <c>10/s</c>; empty for none.</summary>
    [BindProperty]
    public string? Rate { get; set; }

    /// <summary>Limits: the burst; empty for the rate's count.</summary>
    [BindProperty]
    public string? Burst { get; set; }

    /// <summary>Limits: the quota, <c>10000/day</c> or <c>1000000/month</c>; empty for none.</summary>
    [BindProperty]
    public string? QuotaText { get; set; }

    /// <summary>Delete: the typed name.</summary>
    [BindProperty]
    public string? ConfirmName { get; set; }

    private DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>Shows the account.</summary>
    public async Task OnGetAsync()
    {
        await LoadAsync();
        Rate = Account!.RateLimit is { } rate ? (rate.RequestsPerSecond is { } s ? $"{s}/s" : $"{rate.RequestsPerMinute}/min") : null;
        Burst = Account.RateLimit?.Burst?.ToString(CultureInfo.InvariantCulture);
        QuotaText = Account.Quota?.ToString();
    }

    /// <summary>Disables the account.</summary>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        var account = await Api.DisableServiceAccountAsync(Id, HttpContext.RequestAborted);
        return Back($"{account.Name} is disabled: every key of it is refused from now on.");
    }

    /// <summary>Enables the account.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var account = await Api.EnableServiceAccountAsync(Id, HttpContext.RequestAborted);
        return Back($"{account.Name} is enabled again.");
    }

    /// <summary>Deletes the account when the typed name matches.</summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        var account = await Api.GetServiceAccountAsync(Id, HttpContext.RequestAborted);
        if (!string.Equals(ConfirmName?.Trim(), account.Name, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmName), $"Type the account's name, {account.Name}, exactly.");
            await LoadAsync();
            return Page();
        }

        await Api.DeleteServiceAccountAsync(Id, HttpContext.RequestAborted);
        return RedirectWithFlash("/accounts", $"Service account {account.Name} and all its keys are deleted.");
    }

    /// <summary>Creates a key and shows its secret once.</summary>
    public async Task<IActionResult> OnPostNewKeyAsync()
    {
        DateTimeOffset? expiresAt = null;
        if (ConsoleFormat.Optional(ExpiresOn) is { } day)
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                ModelState.AddModelError(nameof(ExpiresOn), "A date, e.g. 2027-06-01.");
                await LoadAsync();
                return Page();
            }

            expiresAt = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        try
        {
            var issued = await Api.CreateKeyAsync(Id, new NewApiKey
            {
                Kind = Kind == KeyKinds.Hmac ? KeyKinds.Hmac : KeyKinds.Bearer,
                Description = ConsoleFormat.Optional(KeyDescription),
                ExpiresAt = expiresAt,
                AllowedCidrs = ConsoleFormat.Items(KeyCidrs),
            }, HttpContext.RequestAborted);
            ConsoleSession!.HoldSecret(issued);
            return Redirect(ConsoleEndpoints.BasePath + "/secret");
        }
        catch (GatewayApiException problem) when (IsInputProblem(problem))
        {
            ModelState.Clear();
            AddFieldErrors(problem, KeyFields);
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>Sets or clears the account's rate limit and quota.</summary>
    public async Task<IActionResult> OnPostLimitsAsync()
    {
        var rateText = ConsoleFormat.Optional(Rate);
        var burstText = ConsoleFormat.Optional(Burst);
        var quotaText = ConsoleFormat.Optional(QuotaText);
        int? burst = null;
        if (burstText is not null)
        {
            burst = int.TryParse(burstText, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : -1;
        }

        var rate = rateText is null ? null : RateLimitSpec.Parse(rateText, burst);
        var quota = quotaText is null ? null : QuotaSpec.Parse(quotaText);
        if ((rateText is not null && rate is null) || (rateText is null && burstText is not null) || burst == -1)
        {
            ModelState.AddModelError(nameof(Rate), "A rate like 10/s or 600/min, and a whole-number burst only with a rate.");
        }

        if (quotaText is not null && quota is null)
        {
            ModelState.AddModelError(nameof(QuotaText), "A quota like 10000/day or 1000000/month.");
        }

        if (ModelState.ErrorCount > 0)
        {
            await LoadAsync();
            return Page();
        }

        try
        {
            await Api.UpdateServiceAccountAsync(Id, new ServiceAccountChanges
            {
                RateLimit = rate,
                ClearRateLimit = rate is null,
                Quota = quota,
                ClearQuota = quota is null,
            }, HttpContext.RequestAborted);
            return Back("Limits saved.");
        }
        catch (GatewayApiException problem) when (IsInputProblem(problem))
        {
            ModelState.Clear();
            AddFieldErrors(problem, LimitFields);
            await LoadAsync();
            return Page();
        }
    }

    /// <summary>Revokes a key.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(string keyId)
    {
        await Api.RevokeKeyAsync(Id, keyId, HttpContext.RequestAborted);
        return Back($"Key {keyId} is revoked: it is refused from now on.");
    }

    /// <summary>Renews a key: a new one (shown once), the old one revoked at once or when <paramref name="grace"/> (ISO 8601) ends.</summary>
    public async Task<IActionResult> OnPostRenewAsync(string keyId, string? grace)
    {
        try
        {
            var gracePeriod = Gateway.Accounts.RenewalGrace.TryParse(grace ?? "", out var parsed) && parsed > TimeSpan.Zero ? parsed : (TimeSpan?)null;
            var issued = await Api.RenewKeyAsync(Id, keyId, null, gracePeriod, HttpContext.RequestAborted);
            ConsoleSession!.HoldSecret(issued);
            return Redirect(ConsoleEndpoints.BasePath + "/secret");
        }
        catch (GatewayApiException problem) when (IsInputProblem(problem))
        {
            return Back(problem.Detail);
        }
    }

    /// <summary>"expired" past the expiry, "expires in N days" within a week; <c>null</c> otherwise.</summary>
    public string? ExpiryNote(ApiKeyInfo key)
    {
        if (key.ExpiresAt is not { } expires || key.Status == "revoked")
        {
            return null;
        }

        var left = expires - Now;
        return left <= TimeSpan.Zero ? "expired"
            : left <= ExpiryWarning ? (left.TotalDays < 1 ? "expires within a day" : $"expires in {(int)Math.Ceiling(left.TotalDays)} days")
            : null;
    }

    private IActionResult Back(string message) => RedirectWithFlash("/accounts/" + Uri.EscapeDataString(Id), message);

    private async Task LoadAsync()
    {
        Account = await Api.GetServiceAccountAsync(Id, HttpContext.RequestAborted);
        Keys = await Api.ListKeysAsync(Id, HttpContext.RequestAborted);
    }
}
