using System.Reflection;
using Gateway.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Architecture;

/// <summary>Every <c>[LoggerMessage]</c> event id is unique in the process, so a log query by id finds one message.</summary>
public sealed class EventIdTests
{
    private static readonly Assembly[] Assemblies = [typeof(GatewayApplication).Assembly, Assembly.Load("Gateway.Client"), Assembly.Load("Gateway.Signing")];

    [Fact]
    public void LoggerMessageEventIds_AreUnique()
    {
        var messages = Assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();
        var duplicates = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();

        Assert.True(messages.Count > 20, "The scan found too few [LoggerMessage] methods to be meaningful.");
        Assert.True(duplicates.Count == 0, "Event ids used more than once (docs/ARCHITECTURE.md, \"Event ids\"):\n" + string.Join("\n", duplicates));
    }
}
