using System.Diagnostics;
using Gateway.Telemetry.TraceContext;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Telemetry.TraceContext;

/// <summary>
/// The request's own trace context accepts exactly what .NET's W3C propagation continued for the request activity
/// (each case is checked against <see cref="ActivityContext.TryParse(string, string, bool, out ActivityContext)"/> after
/// the propagator's own extraction), and writes the upstream's <c>traceparent</c> as that activity did.
/// </summary>
public sealed class TraceParentTests
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string ParentId = "b9c7c989f97918e1";

    public static TheoryData<string, bool> Values => new()
    {
        { $"00-{TraceId}-{ParentId}-01", true },
        { $"00-{TraceId}-{ParentId}-00", true },
        { $"00-{TraceId}-{ParentId}-ff", true },
        // Unknown versions of the same shape are read as version 00; ff (forbidden) is refused, as .NET does.
        { $"01-{TraceId}-{ParentId}-01", true },
        { $"fe-{TraceId}-{ParentId}-01", true },
        { $"0f-{TraceId}-{ParentId}-01", true },
        { $"ff-{TraceId}-{ParentId}-01", false },
        // A future version's extra fields: refused (55 characters exactly), as .NET's propagator does.
        { $"01-{TraceId}-{ParentId}-01-extra", false },
        { $"00-{TraceId}-{ParentId}-01-", false },
        // All-zero ids.
        { $"00-{new string('0', 32)}-{ParentId}-01", false },
        { $"00-{TraceId}-{new string('0', 16)}-01", false },
        // Uppercase hex anywhere.
        { $"00-{TraceId.ToUpperInvariant()}-{ParentId}-01", false },
        { $"00-{TraceId}-{ParentId.ToUpperInvariant()}-01", false },
        { $"00-{TraceId}-{ParentId}-0A", false },
        { $"0A-{TraceId}-{ParentId}-01", false },
        // Wrong lengths and separators, non-hex.
        { $"00-{TraceId[..31]}-{ParentId}-01", false },
        { $"00-{TraceId}0-{ParentId[..15]}-01", false },
        { $"00-{TraceId}-{ParentId}-1", false },
        { $"00_{TraceId}-{ParentId}-01", false },
        { $"00-{TraceId}_{ParentId}-01", false },
        { $"00-{TraceId}-{ParentId}_01", false },
        { $"00-{TraceId[..31]}g-{ParentId}-01", false },
        { $"00-{TraceId}-{ParentId}-0g", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void TryParse_AcceptsWhatDotNetsPropagationContinued(string value, bool valid)
    {
        Assert.Equal(valid, TraceParent.TryParse(value, out var parent));
        Assert.Equal(valid, DotNetContinues(value));
        if (valid)
        {
            Assert.True(ActivityContext.TryParse(value, null, out var context));
            var id = new char[TraceParent.TraceIdLength];
            TraceParent.FormatTraceId(parent.TraceIdHigh, parent.TraceIdLow, id);
            Assert.Equal(context.TraceId.ToHexString(), new string(id));
            Assert.Equal(context.SpanId.ToHexString(), parent.ParentId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((byte)context.TraceFlags, parent.Flags);
        }
    }

    [Fact]
    public void Format_WritesEveryNumberAsTheLowercaseHexOfItsDigits_InCharactersAndUtf8()
    {
        var random = new Random(11);
        ulong[] edges = [0, 1, 0xF, 0x10, 0x0123456789ABCDEF, 0xFEDCBA9876543210, 0x8000000000000000, ulong.MaxValue];
        var values = edges.Concat(Enumerable.Range(0, 200).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63))).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var (high, low, span) = (values[i], values[(i * 7 + 3) % values.Length], values[(i * 13 + 5) % values.Length]);
            var flags = (byte)random.Next(256);
            var expectedId = high.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + low.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"00-{expectedId}-{span:x16}-{flags:x2}", TraceParent.Format(high, low, span, flags));

            var chars = new char[TraceParent.TraceIdLength + 2];
            TraceParent.FormatTraceId(high, low, chars);
            Assert.Equal(expectedId, new string(chars, 0, TraceParent.TraceIdLength));
            Assert.Equal('\0', chars[^2]); // nothing written past the id

            var utf8 = new byte[TraceParent.TraceIdLength + 2];
            TraceParent.FormatTraceId(high, low, utf8);
            Assert.Equal(expectedId, System.Text.Encoding.UTF8.GetString(utf8, 0, TraceParent.TraceIdLength));
            Assert.Equal(0, utf8[^2]);
        }
    }

    [Theory]
    [InlineData("01", "00")]
    [InlineData("00", "00")]
    [InlineData("03", "02")]
    [InlineData("ff", "7e")]
    public void Continued_UpstreamTraceParent_KeepsTheTrace_NewParent_FlagsWithoutSampled(string flags, string expectedFlags)
    {
        var incoming = $"00-{TraceId}-{ParentId}-{flags}";
        var trace = RequestTraceContext.From(new HeaderDictionary { ["traceparent"] = incoming, ["tracestate"] = "a=1,b=2" });

        var upstream = trace.UpstreamTraceParent();

        Assert.Equal(TraceId, trace.TraceId);
        Assert.Equal("a=1,b=2", trace.TraceState);
        Assert.Matches($"^00-{TraceId}-[0-9a-f]{{16}}-{expectedFlags}$", upstream);
        Assert.NotEqual(ParentId, upstream[36..52]);
        Assert.NotEqual(new string('0', 16), upstream[36..52]);
        Assert.Equal(expectedFlags, UpstreamOfActivity(incoming)[53..]);
    }

    [Fact]
    public void InvalidTraceParent_NewTrace_AndTheCallersTraceStateIsDropped()
    {
        var trace = RequestTraceContext.From(new HeaderDictionary { ["traceparent"] = $"00-{TraceId.ToUpperInvariant()}-{ParentId}-01", ["tracestate"] = "a=1" });

        Assert.NotEqual(TraceId, trace.TraceId);
        Assert.Matches("^[0-9a-f]{32}$", trace.TraceId);
        Assert.Null(trace.TraceState);
        Assert.Matches($"^00-{trace.TraceId}-[0-9a-f]{{16}}-00$", trace.UpstreamTraceParent());
    }

    [Fact]
    public void RepeatedTraceParent_IsJoinedAsAspNetCoreReadsIt_SoANewTrace()
    {
        var trace = RequestTraceContext.From(new HeaderDictionary { ["traceparent"] = new([$"00-{TraceId}-{ParentId}-01", $"00-{TraceId}-{ParentId}-01"]) });

        Assert.NotEqual(TraceId, trace.TraceId);
    }

    [Fact]
    public void InvalidTraceStateEntries_AreCutAsThePropagatorCutsThem()
    {
        var trace = RequestTraceContext.From(new HeaderDictionary { ["traceparent"] = $"00-{TraceId}-{ParentId}-01", ["tracestate"] = "a=1,B=2,c=3" });

        Assert.Equal("a=1", trace.TraceState);
    }

    [Fact]
    public void NewTraces_AreRandom_AndTheTraceIdIsFormattedOnce()
    {
        var first = RequestTraceContext.From(new HeaderDictionary());
        var second = RequestTraceContext.From(new HeaderDictionary());

        Assert.NotEqual(first.TraceId, second.TraceId);
        Assert.Same(first.TraceId, first.TraceId);
        Assert.NotEqual(first.UpstreamTraceParent()[36..52], first.UpstreamTraceParent()[36..52]);
    }

    [Fact]
    public void Of_KeepsOneContextPerRequest_AndTraceIdOf_PrefersTheCurrentActivity()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.TraceParent = $"00-{TraceId}-{ParentId}-01";

        Assert.Same(RequestTraceContext.Of(context), RequestTraceContext.Of(context));
        Assert.Equal(TraceId, RequestTraceContext.TraceIdOf(context));
        using var activity = new Activity("other").Start();
        Assert.Equal(activity.TraceId.ToHexString(), RequestTraceContext.TraceIdOf(context));
    }

    [Fact]
    public void Baggage_IsReEncodedAsThePropagatorEncodedTheActivitysBaggage()
    {
        // The caller's order kept: the propagator hands it over reversed, and AddBaggage prepends.
        Assert.Null(W3CBaggage.Encode(new HeaderDictionary()));
        Assert.Equal("k1 = v1, k2 = v%202", W3CBaggage.Encode(new HeaderDictionary { ["baggage"] = "k1=v1, k2=v%202" }));
        Assert.Null(Activity.Current);
    }

    // What ASP.NET Core did: the propagator's extraction, then ActivityContext.TryParse.
    private static bool DotNetContinues(string value)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(new HeaderDictionary { ["traceparent"] = value }, static (object? carrier, string name, out string? v, out IEnumerable<string>? vs) =>
        {
            vs = null;
            v = ((IHeaderDictionary)carrier!)[name];
        }, out var requestId, out _);
        return ActivityContext.TryParse(requestId, null, isRemote: true, out _);
    }

    // The traceparent a propagation-only request activity continuing `incoming` wrote.
    private static string UpstreamOfActivity(string incoming)
    {
        using var source = new ActivitySource("trace-parent-tests-" + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        Assert.True(ActivityContext.TryParse(incoming, null, isRemote: true, out var parent));
        using var activity = source.StartActivity("request", ActivityKind.Server, parent)!;
        return activity.Id!;
    }
}
