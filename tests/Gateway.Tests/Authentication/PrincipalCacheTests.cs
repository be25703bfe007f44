using System.Security.Claims;
using Gateway.Accounts;
using Gateway.Authentication;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Authentication;

/// <summary>
/// What the principal cache keeps on a credential: nothing on its first authentication, then the one result itself
/// for one scheme, an array of results for several, and only the results of the roles version in force.
/// </summary>
public sealed class PrincipalCacheTests
{
    private readonly PrincipalCache _cache = new();
    private readonly object _version = new();

    [Fact]
    public void OneScheme_KeepsItsResultItself_AndAnswersItForThoseInputsOnly()
    {
        var credential = Credential();
        _cache.Add(credential, "api-key", "ApiKey", _version, Principal());
        Assert.Empty(Assert.IsType<SharedSuccessResult[]>(credential.Derived)); // the first authentication: the marker
        Assert.Null(_cache.TryGetSuccess(credential, "api-key", "ApiKey", _version));

        var kept = _cache.Add(credential, "api-key", "ApiKey", _version, Principal());

        Assert.Same(kept, credential.Derived); // no array, no entry: the result itself
        Assert.Same(kept, _cache.TryGetSuccess(credential, "api-key", "ApiKey", _version));
        Assert.Same(credential, kept.Feature.Credential);
        Assert.Equal("ApiKey", kept.Ticket!.AuthenticationScheme);
        Assert.Null(_cache.TryGetSuccess(credential, "rfc9421", "ApiKey", _version));
        Assert.Null(_cache.TryGetSuccess(credential, "api-key", "Signature", _version));
        Assert.Null(_cache.TryGetSuccess(credential, "api-key", "ApiKey", new object()));
        Assert.Null(_cache.TryGetSuccess(Credential(), "api-key", "ApiKey", _version));
    }

    [Fact]
    public void SeveralSchemes_KeepEachResult_AndANewRolesVersionDropsTheOlderOnes()
    {
        var credential = Credential();
        _cache.Add(credential, "rfc9421", "Signature", _version, Principal());
        var rfc9421 = _cache.Add(credential, "rfc9421", "Signature", _version, Principal());
        var sigV4 = _cache.Add(credential, "sigv4", "Signature", _version, Principal());

        Assert.Equal([rfc9421, sigV4], Assert.IsType<SharedSuccessResult[]>(credential.Derived));
        Assert.Same(rfc9421, _cache.TryGetSuccess(credential, "rfc9421", "Signature", _version));
        Assert.Same(sigV4, _cache.TryGetSuccess(credential, "sigv4", "Signature", _version));
        Assert.Null(_cache.TryGetSuccess(credential, "api-key", "Signature", _version));

        var newer = new object();
        Assert.Null(_cache.TryGetSuccess(credential, "rfc9421", "Signature", newer));
        var rebuilt = _cache.Add(credential, "rfc9421", "Signature", newer, Principal());

        Assert.Same(rebuilt, credential.Derived); // the older version's two are gone
        Assert.Same(rebuilt, _cache.TryGetSuccess(credential, "rfc9421", "Signature", newer));
        Assert.Null(_cache.TryGetSuccess(credential, "sigv4", "Signature", newer));
        Assert.Null(_cache.TryGetSuccess(credential, "rfc9421", "Signature", _version));

        var again = _cache.Add(credential, "sigv4", "Signature", newer, Principal());
        Assert.Equal([rebuilt, again], Assert.IsType<SharedSuccessResult[]>(credential.Derived));

        var third = _cache.Add(credential, "api-key", "Signature", newer, Principal());
        Assert.Equal([rebuilt, again, third], Assert.IsType<SharedSuccessResult[]>(credential.Derived)); // several of the version in force are all kept
    }

    private static Credential Credential()
    {
        var account = Samples.Account(name: "cache-bot", orgId: "acme", projectId: null, status: AccountStatus.Active, roles: ["reader"], createdAt: Samples.T0);
        return new Credential(Samples.Key(account.Id, createdAt: Samples.T0), account);
    }

    private static ClaimsPrincipal Principal() => new(new ClaimsIdentity("test"));
}
