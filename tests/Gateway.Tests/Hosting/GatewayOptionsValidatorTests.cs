using Gateway.Accounts.Tokens;
using Gateway.Hosting;
using Gateway.Listeners;

namespace Gateway.Tests.Hosting;

public sealed class GatewayOptionsValidatorTests
{
    private readonly GatewayOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = _validator.Validate(null, new GatewayOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_FullyConfiguredValidOptions_Succeed()
    {
        var options = new GatewayOptions
        {
            Keys = { HashKey = Convert.ToBase64String(new byte[32]) },
            Admin = { BootstrapKey = BearerToken.Create("ak_0123456789abcDEF"), BootstrapOrg = "platform" },
        };
        options.Listeners.Admin = new ListenerOptions { Url = "https://127.0.0.1:8443", CertificatePath = "admin.pfx" };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Proxy")]
    [InlineData("Admin")]
    [InlineData("Status")]
    public void Validate_BadListenerUrl_FailsNamingTheKey(string listener)
    {
        var options = new GatewayOptions();
        Listener(options, listener).Url = "http://127.0.0.1:99999";

        var failure = Assert.Single(Failures(options));

        Assert.Contains($"Gateway:Listeners:{listener}:Url", failure, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:99999", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpsListenerWithoutCertificate_FailsNamingTheKey()
    {
        var options = new GatewayOptions();
        options.Listeners.Status.Url = "https://0.0.0.0:8443";

        var failure = Assert.Single(Failures(options));

        Assert.Contains("Gateway:Listeners:Status:CertificatePath", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("not base64 at all!")]
    public void Validate_HashKeyNotBase64Of32Bytes_FailsNamingTheKey(string hashKey)
    {
        var options = new GatewayOptions { Keys = { HashKey = hashKey } };

        var failure = Assert.Single(Failures(options));

        Assert.Contains("Gateway:Keys:HashKey", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HashKeyOf31Bytes_Fails()
    {
        var options = new GatewayOptions { Keys = { HashKey = Convert.ToBase64String(new byte[31]) } };

        Assert.Contains("Gateway:Keys:HashKey", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HashKeyOf32Bytes_Succeeds()
    {
        var options = new GatewayOptions { Keys = { HashKey = Convert.ToBase64String(new byte[32]) } };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("gwk_not-a-token")]
    [InlineData("secret")]
    [InlineData("Bearer gwk_")]
    public void Validate_MalformedBootstrapKey_FailsNamingTheKey(string bootstrapKey)
    {
        var options = new GatewayOptions { Admin = { BootstrapKey = bootstrapKey } };

        var failure = Assert.Single(Failures(options));

        Assert.Contains("Gateway:Admin:BootstrapKey", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(bootstrapKey, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BootstrapKeyWithBadChecksum_Fails()
    {
        var token = BearerToken.Create("ak_0123456789abcDEF");
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var options = new GatewayOptions { Admin = { BootstrapKey = tampered } };

        Assert.Contains("Gateway:Admin:BootstrapKey", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading")]
    public void Validate_BadBootstrapOrg_FailsNamingTheKey(string org)
    {
        var options = new GatewayOptions { Admin = { BootstrapOrg = org } };

        Assert.Contains("Gateway:Admin:BootstrapOrg", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyDataDirectoryAndRoutesFile_FailNamingTheKeys()
    {
        var options = new GatewayOptions { DataDirectory = " ", RoutesFile = "" };

        var failures = Failures(options);

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.Contains("Gateway:DataDirectory", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gateway:RoutesFile", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachOne()
    {
        var options = new GatewayOptions
        {
            Keys = { HashKey = "c2hvcnQ=" },
            Admin = { BootstrapKey = "nope" },
        };
        options.Listeners.Proxy.Url = "ftp://0.0.0.0:21";
        options.Listeners.Admin.Url = "https://127.0.0.1:8443";

        var failures = Failures(options);

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.Contains("Gateway:Listeners:Proxy:Url", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gateway:Listeners:Admin:CertificatePath", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gateway:Keys:HashKey", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Gateway:Admin:BootstrapKey", StringComparison.Ordinal));
    }

    private List<string> Failures(GatewayOptions options)
    {
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed);
        return result.Failures!.ToList();
    }

    private static ListenerOptions Listener(GatewayOptions options, string name) => name switch
    {
        "Proxy" => options.Listeners.Proxy,
        "Admin" => options.Listeners.Admin,
        _ => options.Listeners.Status,
    };
}
