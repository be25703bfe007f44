using Gateway.Accounts;
using Gateway.Admin;
using Gateway.Admin.Contracts;
using Gateway.Errors;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Admin;

public sealed class AdminValidationTests
{
    private readonly FakeTimeProvider _time = new(Samples.T0);
    private readonly AdminValidation _validation;

    public AdminValidationTests()
    {
        _validation = new AdminValidation(TestRoles.BuiltInOnly(), _time);
    }

    private static CreateServiceAccountRequest ValidAccount() => new()
    {
        Name = "deploy-bot",
        Description = "Deploys payments",
        OrgId = "acme",
        ProjectId = "payments",
        Roles = ["reader", "executor"],
        AllowedCidrs = ["10.0.0.0/8", "2001:db8::/32"],
    };

    // ---------------------------------------------------------------- create account

    [Fact]
    public void ValidateAccount_Valid_ReturnsNewAccount()
    {
        var account = _validation.Validate(ValidAccount());

        Assert.Equal("deploy-bot", account.Name);
        Assert.Equal("Deploys payments", account.Description);
        Assert.Equal("acme", account.OrgId);
        Assert.Equal("payments", account.ProjectId);
        Assert.Equal(["reader", "executor"], account.Roles);
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], account.AllowedCidrs);
    }

    [Fact]
    public void ValidateAccount_MinimalBody_DefaultsToEmptyLists()
    {
        var account = _validation.Validate(new CreateServiceAccountRequest { Name = "a", OrgId = "o" });

        Assert.Null(account.ProjectId);
        Assert.Null(account.Description);
        Assert.Empty(account.Roles);
        Assert.Empty(account.AllowedCidrs);
    }

    [Fact]
    public void ValidateAccount_NormalisesAndDeduplicatesCidrsAndRoles()
    {
        var account = _validation.Validate(ValidAccount() with
        {
            Roles = ["reader", "admin", "reader"],
            AllowedCidrs = ["10.1.2.3", "2001:DB8::/32", "10.1.2.3/32"],
        });

        Assert.Equal(["reader", "admin"], account.Roles);
        Assert.Equal(["10.1.2.3/32", "2001:db8::/32"], account.AllowedCidrs);
    }

    [Fact]
    public void ValidateAccount_Name64Characters_IsAccepted()
    {
        var account = _validation.Validate(ValidAccount() with { Name = new string('n', 64) });

        Assert.Equal(64, account.Name.Length);
    }

    [Fact]
    public void ValidateAccount_Name65Characters_NamesField()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { Name = new string('n', 65) }), "name");
    }

    [Theory]
    [InlineData("deploy bot")]
    [InlineData("deploy/bot")]
    [InlineData("déploy")]
    [InlineData(".bot")]
    [InlineData("")]
    public void ValidateAccount_NameBadCharacters_NamesField(string name)
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { Name = name }), "name");
    }

    [Fact]
    public void ValidateAccount_MissingName_NamesField()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { Name = null }), "name");
    }

    [Fact]
    public void ValidateAccount_MissingOrgId_NamesField()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { OrgId = null }), "orgId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad project")]
    public void ValidateAccount_BadProjectId_NamesField(string projectId)
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { ProjectId = projectId }), "projectId");
    }

    [Fact]
    public void ValidateAccount_UnknownRole_NamesItsIndex()
    {
        var errors = AssertInvalid(() => _validation.Validate(ValidAccount() with { Roles = ["superuser", "reader"] }), "roles[0]");

        Assert.Contains("superuser", errors["roles[0]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAccount_UnknownRoleLaterInList_NamesItsIndex()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { Roles = ["reader", "editor", "Admin"] }), "roles[2]");
    }

    [Fact]
    public void ValidateAccount_NullRole_NamesItsIndex()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { Roles = ["reader", null!] }), "roles[1]");
    }

    [Fact]
    public void ValidateAccount_TooManyRoles_NamesField()
    {
        var roles = Enumerable.Repeat("reader", AccountDefaults.MaxRoles + 1).ToArray();

        AssertInvalid(() => _validation.Validate(ValidAccount() with { Roles = roles }), "roles");
    }

    [Fact]
    public void ValidateAccount_BadCidr_NamesItsIndex()
    {
        var errors = AssertInvalid(
            () => _validation.Validate(ValidAccount() with { AllowedCidrs = ["10.0.0.0/8", "10.0.0.1/8"] }),
            "allowedCidrs[1]");

        Assert.Contains("10.0.0.1/8", errors["allowedCidrs[1]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAccount_GarbageCidr_NamesItsIndex()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { AllowedCidrs = ["not-a-cidr"] }), "allowedCidrs[0]");
    }

    [Fact]
    public void ValidateAccount_TooManyCidrs_NamesField()
    {
        var cidrs = Enumerable.Range(0, AccountDefaults.MaxCidrs + 1).Select(i => $"10.0.{i}.0/24").ToArray();

        AssertInvalid(() => _validation.Validate(ValidAccount() with { AllowedCidrs = cidrs }), "allowedCidrs");
    }

    [Fact]
    public void ValidateAccount_Description1024Characters_IsAccepted()
    {
        var account = _validation.Validate(ValidAccount() with { Description = new string('d', 1024) });

        Assert.Equal(1024, account.Description!.Length);
    }

    [Fact]
    public void ValidateAccount_Description1025Characters_NamesField()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { Description = new string('d', 1025) }), "description");
    }

    [Fact]
    public void ValidateAccount_DescriptionWithControlCharacter_NamesField()
    {
        AssertInvalid(() => _validation.Validate(ValidAccount() with { Description = "line\nbreak" }), "description");
    }

    [Fact]
    public void ValidateAccount_SeveralProblems_NamesEveryField()
    {
        var request = new CreateServiceAccountRequest
        {
            Name = "bad name",
            OrgId = null,
            Description = new string('d', 1025),
            Roles = ["ghost"],
            AllowedCidrs = ["10.0.0.0/8", "nope"],
        };

        var ex = Assert.Throws<GatewayProblemException>(() => _validation.Validate(request));

        Assert.NotNull(ex.Errors);
        Assert.Equal(
            ["allowedCidrs[1]", "description", "name", "orgId", "roles[0]"],
            ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("name", ex.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- create key

    [Fact]
    public void ValidateKey_Valid_ReturnsSpec()
    {
        var spec = _validation.Validate(new CreateKeyRequest
        {
            Kind = "bearer",
            Description = "ci",
            ExpiresAt = Samples.T0.AddDays(30),
            AllowedCidrs = ["10.1.2.3"],
        });

        Assert.Equal(KeyKind.Bearer, spec.Kind);
        Assert.Equal("ci", spec.Description);
        Assert.Equal(Samples.T0.AddDays(30), spec.ExpiresAt);
        Assert.Equal(["10.1.2.3/32"], spec.AllowedCidrs);
    }

    [Fact]
    public void ValidateKey_EmptyBody_DefaultsToBearerWithoutExpiry()
    {
        var spec = _validation.Validate(new CreateKeyRequest());

        Assert.Equal(KeyKind.Bearer, spec.Kind);
        Assert.Null(spec.ExpiresAt);
        Assert.Empty(spec.AllowedCidrs);
    }

    [Fact]
    public void ValidateKey_ExpiryWithSubMillisecondPart_IsTruncatedToMilliseconds()
    {
        var spec = _validation.Validate(new CreateKeyRequest { ExpiresAt = Samples.T0.AddDays(1).AddTicks(1234) });

        Assert.Equal(Samples.T0.AddDays(1), spec.ExpiresAt);
    }

    [Fact]
    public void ValidateKey_ExpiryInThePast_NamesField()
    {
        AssertInvalid(() => _validation.Validate(new CreateKeyRequest { ExpiresAt = Samples.T0.AddSeconds(-1) }), "expiresAt");
    }

    [Fact]
    public void ValidateKey_ExpiryExactlyNow_NamesField()
    {
        AssertInvalid(() => _validation.Validate(new CreateKeyRequest { ExpiresAt = Samples.T0 }), "expiresAt");
    }

    [Fact]
    public void ValidateKey_ExpiryBecomesPastAsTimeMoves_NamesField()
    {
        var request = new CreateKeyRequest { ExpiresAt = Samples.T0.AddHours(1) };
        Assert.NotNull(_validation.Validate(request).ExpiresAt);

        _time.Advance(TimeSpan.FromHours(2));

        AssertInvalid(() => _validation.Validate(request), "expiresAt");
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("Bearer")]
    [InlineData("")]
    [InlineData("HMAC")]
    public void ValidateKey_KindOtherThanBearerOrHmac_NamesField(string kind)
    {
        AssertInvalid(() => _validation.Validate(new CreateKeyRequest { Kind = kind }), "kind");
    }

    [Fact]
    public void ValidateKey_BadCidrAndDescription_NamesFields()
    {
        var ex = Assert.Throws<GatewayProblemException>(() => _validation.Validate(new CreateKeyRequest
        {
            Description = new string('d', 1025),
            AllowedCidrs = ["192.168.1.1/24"],
        }));

        Assert.Equal(["allowedCidrs[0]", "description"], ex.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    // ---------------------------------------------------------------- renew

    [Fact]
    public void ValidateRenew_NoBodyOrNoExpiry_ReturnsNull()
    {
        Assert.Null(_validation.Validate((RenewKeyRequest?)null));
        Assert.Null(_validation.Validate(new RenewKeyRequest()));
    }

    [Fact]
    public void ValidateRenew_FutureExpiry_ReturnsIt()
    {
        Assert.Equal(Samples.T0.AddDays(7), _validation.Validate(new RenewKeyRequest { ExpiresAt = Samples.T0.AddDays(7) }));
    }

    [Fact]
    public void ValidateRenew_PastExpiry_NamesField()
    {
        AssertInvalid(() => _validation.Validate(new RenewKeyRequest { ExpiresAt = Samples.T0.AddDays(-7) }), "expiresAt");
    }

    private static IReadOnlyDictionary<string, string[]> AssertInvalid(Action validate, string field)
    {
        var ex = Assert.Throws<GatewayProblemException>(validate);

        Assert.Equal(400, ex.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, ex.Code);
        Assert.NotNull(ex.Errors);
        Assert.Equal([field], ex.Errors.Keys);
        Assert.NotEmpty(ex.Errors[field][0]);
        return ex.Errors;
    }
}
