using System.Text.Json;
using Gateway.Accounts;
using Gateway.Admin;
using Gateway.Errors;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Admin;

public sealed class AccountPatchTests
{
    private readonly AdminValidation _validation = new(TestRoles.BuiltInOnly(), new FakeTimeProvider(Samples.T0));

    private readonly ServiceAccount _account = Samples.Account(
        name: "ci",
        orgId: "acme",
        projectId: "payments",
        description: "original",
        roles: ["reader"],
        allowedCidrs: ["10.0.0.0/8"],
        status: AccountStatus.Active);

    [Fact]
    public void Parse_EmptyObject_ChangesNothing()
    {
        var patched = Apply("{}");

        Assert.Equal(_account, patched);
    }

    [Fact]
    public void Parse_Description_ReplacesOnlyIt()
    {
        var patched = Apply("""{"description":"new text"}""");

        Assert.Equal(_account with { Description = "new text" }, patched);
    }

    [Fact]
    public void Parse_DescriptionNull_Clears()
    {
        var patched = Apply("""{"description":null}""");

        Assert.Null(patched.Description);
        Assert.Equal(_account.Roles, patched.Roles);
    }

    [Fact]
    public void Parse_Roles_ReplacesThemDeduplicated()
    {
        var patched = Apply("""{"roles":["editor","admin","editor"]}""");

        Assert.Equal(["editor", "admin"], patched.Roles);
        Assert.Equal(_account.Description, patched.Description);
    }

    [Fact]
    public void Parse_EmptyRoles_ClearsThem()
    {
        Assert.Empty(Apply("""{"roles":[]}""").Roles);
    }

    [Fact]
    public void Parse_AllowedCidrs_ReplacesThemNormalised()
    {
        var patched = Apply("""{"allowedCidrs":["192.168.1.7","2001:DB8::/32"]}""");

        Assert.Equal(["192.168.1.7/32", "2001:db8::/32"], patched.AllowedCidrs);
        Assert.Equal(_account.Roles, patched.Roles);
    }

    [Theory]
    [InlineData("disabled", AccountStatus.Disabled)]
    [InlineData("active", AccountStatus.Active)]
    public void Parse_Status_ReplacesIt(string status, AccountStatus expected)
    {
        var account = _account with { Status = AccountStatus.Disabled };
        using var document = JsonDocument.Parse($$"""{"status":"{{status}}"}""");

        var patched = AccountPatch.Parse(document, _validation).ApplyTo(account);

        Assert.Equal(expected, patched.Status);
    }

    [Fact]
    public void Parse_EveryAllowedField_AppliesAll()
    {
        var patched = Apply("""{"description":"d2","roles":["admin"],"allowedCidrs":[],"status":"disabled"}""");

        Assert.Equal(_account with
        {
            Description = "d2",
            Roles = patched.Roles,
            AllowedCidrs = patched.AllowedCidrs,
            Status = AccountStatus.Disabled,
        }, patched);
        Assert.Equal(["admin"], patched.Roles);
        Assert.Empty(patched.AllowedCidrs);
    }

    [Fact]
    public void ApplyTo_KeepsIdentityFields()
    {
        var patched = Apply("""{"description":"x","status":"disabled"}""");

        Assert.Equal(_account.Id, patched.Id);
        Assert.Equal(_account.Name, patched.Name);
        Assert.Equal(_account.OrgId, patched.OrgId);
        Assert.Equal(_account.ProjectId, patched.ProjectId);
        Assert.Equal(_account.CreatedAt, patched.CreatedAt);
    }

    [Theory]
    [InlineData("name", "\"renamed\"")]
    [InlineData("orgId", "\"globex\"")]
    [InlineData("projectId", "null")]
    [InlineData("id", "\"sa_0123456789abcDEF\"")]
    [InlineData("createdAt", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("updatedAt", "\"2020-01-01T00:00:00Z\"")]
    public void Parse_ImmutableField_ThrowsInvalidRequestNamingIt(string field, string value)
    {
        using var document = JsonDocument.Parse($$"""{"{{field}}":{{value}}}""");

        var ex = Assert.Throws<GatewayProblemException>(() => AccountPatch.Parse(document, _validation));

        Assert.Equal(400, ex.Status);
        Assert.Equal(ErrorCodes.InvalidRequest, ex.Code);
        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be changed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownField_ThrowsInvalidRequestNamingIt()
    {
        using var document = JsonDocument.Parse("""{"description":"ok","colour":"blue"}""");

        var ex = Assert.Throws<GatewayProblemException>(() => AccountPatch.Parse(document, _validation));

        Assert.Equal(ErrorCodes.InvalidRequest, ex.Code);
        Assert.Contains("Unknown field 'colour'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFieldWithHugeName_QuotesAtMost64Characters()
    {
        var name = new string('x', 5000);
        using var document = JsonDocument.Parse($$"""{"{{name}}":1}""");

        var ex = Assert.Throws<GatewayProblemException>(() => AccountPatch.Parse(document, _validation));

        Assert.Contains($"'{new string('x', 64)}'", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 200);
    }

    [Fact]
    public void Parse_FieldNamesAreCaseSensitive()
    {
        using var document = JsonDocument.Parse("""{"Description":"x"}""");

        var ex = Assert.Throws<GatewayProblemException>(() => AccountPatch.Parse(document, _validation));

        Assert.Equal(ErrorCodes.InvalidRequest, ex.Code);
    }

    [Theory]
    [InlineData("\"paused\"")]
    [InlineData("\"Active\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("true")]
    public void Parse_BadStatus_NamesField(string value)
    {
        AssertInvalid($$"""{"status":{{value}}}""", "status");
    }

    [Theory]
    [InlineData("\"reader\"")]
    [InlineData("[1]")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Parse_RolesNotArrayOfStrings_NamesField(string value)
    {
        AssertInvalid($$"""{"roles":{{value}}}""", "roles");
    }

    [Fact]
    public void Parse_UnknownRole_NamesItsIndex()
    {
        AssertInvalid("""{"roles":["reader","root"]}""", "roles[1]");
    }

    [Fact]
    public void Parse_BadCidr_NamesItsIndex()
    {
        AssertInvalid("""{"allowedCidrs":["10.0.0.0/8","10.0.0.1/8"]}""", "allowedCidrs[1]");
    }

    [Fact]
    public void Parse_CidrsNotArray_NamesField()
    {
        AssertInvalid("""{"allowedCidrs":"10.0.0.0/8"}""", "allowedCidrs");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("[]")]
    [InlineData("false")]
    public void Parse_DescriptionNotStringOrNull_NamesField(string value)
    {
        AssertInvalid($$"""{"description":{{value}}}""", "description");
    }

    [Fact]
    public void Parse_DescriptionTooLong_NamesField()
    {
        AssertInvalid($$"""{"description":"{{new string('d', 1025)}}"}""", "description");
    }

    [Fact]
    public void Parse_SeveralInvalidFields_NamesEach()
    {
        using var document = JsonDocument.Parse("""{"status":"paused","roles":["root"],"allowedCidrs":["x"]}""");

        var ex = Assert.Throws<GatewayProblemException>(() => AccountPatch.Parse(document, _validation));

        Assert.Equal(["allowedCidrs[0]", "roles[0]", "status"], ex.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    private ServiceAccount Apply(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AccountPatch.Parse(document, _validation).ApplyTo(_account);
    }

    private void AssertInvalid(string json, string field)
    {
        using var document = JsonDocument.Parse(json);

        var ex = Assert.Throws<GatewayProblemException>(() => AccountPatch.Parse(document, _validation));

        Assert.Equal(400, ex.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, ex.Code);
        Assert.NotNull(ex.Errors);
        Assert.Equal([field], ex.Errors.Keys);
    }
}
