using Gateway.Client;
using Gateway.Client.Admin;
using Gateway.Client.Federation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.AdminConsole.Pages.Accounts;

/// <summary>
/// An account's trust policies (workload identity federation, FEDERATION.md): the list with Delete, and a form to add
/// one (issuer, audience, one <c>claim=value</c> condition per line, networks, max token lifetime).
/// </summary>
public sealed class TrustPoliciesModel : ConsolePageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["issuer"] = nameof(Issuer), ["audience"] = nameof(Audience), ["conditions"] = nameof(Conditions),
        ["allowedCidrs"] = nameof(Cidrs), ["maxTokenLifetime"] = nameof(MaxTokenLifetime), ["description"] = nameof(Description),
    };

    private TrustPolicyAdminClient? _policies;

    /// <summary>The account id from the route.</summary>
    [FromRoute]
    public string Id { get; set; } = "";

    /// <summary>The account.</summary>
    public ServiceAccount? Account { get; private set; }

    /// <summary>Its policies, oldest first.</summary>
    public IReadOnlyList<TrustPolicy> Policies { get; private set; } = [];

    /// <summary>New policy: issuer.</summary>
    [BindProperty]
    public string? Issuer { get; set; }

    /// <summary>New policy: audience.</summary>
    [BindProperty]
    public string? Audience { get; set; }

    /// <summary>New policy: one <c>claim=value</c> per line.</summary>
    [BindProperty]
    public string? Conditions { get; set; }

    /// <summary>New policy: CIDR blocks.</summary>
    [BindProperty]
    public string? Cidrs { get; set; }

    /// <summary>New policy: longest token lifetime, seconds.</summary>
    [BindProperty]
    public int? MaxTokenLifetime { get; set; }

    /// <summary>New policy: description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    private TrustPolicyAdminClient PolicyApi => _policies ??= new TrustPolicyAdminClient(
        HttpContext.RequestServices.GetRequiredService<ConsoleApiFactory>().CreateHttp(
            ConsoleSession?.ApiKey ?? throw new InvalidOperationException("No console session.")));

    /// <summary>Shows the policies.</summary>
    public Task OnGetAsync() => LoadAsync();

    /// <summary>Adds a policy.</summary>
    public async Task<IActionResult> OnPostAddAsync()
    {
        var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (Conditions ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                ModelState.AddModelError(nameof(Conditions), $"'{line}' is not claim=value.");
                continue;
            }

            conditions[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        if (ModelState.ErrorCount == 0)
        {
            try
            {
                var policy = await PolicyApi.AddAsync(Id, new NewTrustPolicy
                {
                    Issuer = Issuer?.Trim() ?? "",
                    Audience = Audience?.Trim() ?? "",
                    Conditions = conditions,
                    AllowedCidrs = ConsoleFormat.Items(Cidrs),
                    MaxTokenLifetime = MaxTokenLifetime,
                    Description = ConsoleFormat.Optional(Description),
                }, HttpContext.RequestAborted);
                return Back($"Trust policy {policy.Id} added: matching pipelines can now exchange their id_token for this account.");
            }
            catch (GatewayApiException problem) when (IsInputProblem(problem))
            {
                ModelState.Clear();
                AddFieldErrors(problem, Fields);
            }
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Deletes a policy.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string policyId)
    {
        await PolicyApi.RemoveAsync(Id, policyId, HttpContext.RequestAborted);
        return Back($"Trust policy {policyId} deleted: tokens issued under it are refused from now on.");
    }

    /// <summary>The conditions as one line.</summary>
    public static string Describe(TrustPolicy policy) =>
        string.Join(", ", policy.Conditions.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    private IActionResult Back(string message) => RedirectWithFlash($"/accounts/{Uri.EscapeDataString(Id)}/trust-policies", message);

    private async Task LoadAsync()
    {
        Account = await Api.GetServiceAccountAsync(Id, HttpContext.RequestAborted);
        Policies = await PolicyApi.ListAsync(Id, HttpContext.RequestAborted);
    }
}
