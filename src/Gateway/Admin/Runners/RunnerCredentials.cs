using Gateway.Accounts;

namespace Gateway.Admin.Runners;

/// <summary>What one runner credentials call produced: the runner's account and its one live key.</summary>
/// <param name="RunnerId">The runner.</param>
/// <param name="Account">The runner's account (kept across regenerations).</param>
/// <param name="Key">The new key and its secret; every earlier key of the account is revoked.</param>
/// <param name="Provisioned"><c>true</c> when this call created the account.</param>
public sealed record RunnerCredentials(string RunnerId, ServiceAccount Account, IssuedKey Key, bool Provisioned)
{
    /// <summary>Leaves the secret out, so that logging the result cannot leak it.</summary>
    public override string ToString() =>
        $"RunnerCredentials {{ RunnerId = {RunnerId}, AccountId = {Account.Id}, KeyId = {Key.Key.Id}, Provisioned = {Provisioned} }}";
}
