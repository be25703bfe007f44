using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gateway.Signing.SigV4;

namespace Gateway.Signing.Tests.SigV4;

/// <summary>
/// The hand-written <c>X-Amz-Date</c> and scope-date parse accepts exactly what the culture-aware
/// <c>TryParseExact</c> accepted, with the same instant; the empty-body shortcut of the payload check answers as hashing did.
/// </summary>
public sealed class SigV4DateAndPayloadTests
{
    public static TheoryData<string> AmzDates() =>
    [
        "20251120T120000Z", "00010101T000000Z", "99991231T235959Z", "20240229T235959Z", "20250229T120000Z",
        "20251131T120000Z", "20251301T120000Z", "20250001T120000Z", "20251100T120000Z", "00000101T000000Z",
        "20251120T240000Z", "20251120T126000Z", "20251120T120060Z", "20251120 120000Z", "20251120T120000z",
        "20251120t120000Z", "2025112T1120000Z", "20251120T120000", "20251120T1200000Z", "2025-11-20T12:00:00Z",
        "+0251120T120000Z", "-0251120T120000Z", " 0251120T120000Z", "2025112\u0661T120000Z", "20251120T12000\u0660Z",
        "２0251120T120000Z", "", "20251120T120000ZZ", "2025112OT120000Z",
    ];

    [Theory]
    [MemberData(nameof(AmzDates))]
    public void TryParseAmzDate_AgreesWithTryParseExact(string value)
    {
        var expectedOk = DateTimeOffset.TryParseExact(value, SigV4Constants.AmzDateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expected) && value.Length == 16;

        var ok = SigV4Parser.TryParseAmzDate(value, out var time);

        Assert.Equal(expectedOk, ok);
        Assert.Equal(expected, time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public void TryParseAmzDate_EverySecondOfADayAndEveryDayOfFourYears_AgreesWithTryParseExact()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var t = start; t < start.AddYears(4); t = t.AddHours(7).AddSeconds(13))
        {
            var text = t.ToString(SigV4Constants.AmzDateFormat, CultureInfo.InvariantCulture);
            Assert.True(SigV4Parser.TryParseAmzDate(text, out var parsed), text);
            Assert.Equal(t, parsed);
        }
    }

    [Fact]
    public void ScopeDate_IsValidatedAsACalendarDay()
    {
        Assert.Equal(SigV4Error.None, ParseCredentialDate("20240229"));
        Assert.Equal(SigV4Error.InvalidCredentialDate, ParseCredentialDate("20250229"));
        Assert.Equal(SigV4Error.InvalidCredentialDate, ParseCredentialDate("20251301"));
        Assert.Equal(SigV4Error.InvalidCredentialDate, ParseCredentialDate("00000101"));
        Assert.Equal(SigV4Error.InvalidCredentialDate, ParseCredentialDate("2025112\u0661"));
        Assert.Equal(SigV4Error.InvalidCredentialDate, ParseCredentialDate("2025-1-1"));
        Assert.Equal(SigV4Error.InvalidCredentialDate, ParseCredentialDate("202511201"));
    }

    [Fact]
    public void Matches_EmptyBody_AnswersAsHashing()
    {
        Assert.True(SigV4Payload.Matches(SigV4Constants.EmptyPayloadHash, []));
        Assert.True(SigV4Payload.Matches(SigV4Constants.EmptyPayloadHash.ToUpperInvariant(), []));
        Assert.Equal(SigV4Constants.EmptyPayloadHash, SigV4Payload.ComputeHash([]));
        var other = Convert.ToHexStringLower(SHA256.HashData("x"u8));
        Assert.False(SigV4Payload.Matches(other, []));
        Assert.False(SigV4Payload.Matches(SigV4Constants.UnsignedPayload, []));
        Assert.False(SigV4Payload.Matches(SigV4Constants.EmptyPayloadHash[..^1], []));
        Assert.False(SigV4Payload.Matches(null, []));
        Assert.True(SigV4Payload.Matches(other, "x"u8));
        Assert.False(SigV4Payload.Matches(SigV4Constants.EmptyPayloadHash, "x"u8));
    }

    private static SigV4Error ParseCredentialDate(string date) =>
        SigV4Parser.ParseAuthorization(new StringBuilder()
            .Append(SigV4Constants.Algorithm).Append(" Credential=ak_aH1NXY2aPJATzsIy/").Append(date)
            .Append("/us-east-1/gateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=")
            .Append('0', 64).ToString()).Error;
}
