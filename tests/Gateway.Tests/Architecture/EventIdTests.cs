using System.Reflection;
using Gateway.Hosting;
using Gateway.Logging;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Architecture;

/// <summary>
/// Every <c>[LoggerMessage]</c> event id is unique in the process, so a log query by id finds one message, and comes
/// from its assembly's one registry (<see cref="EventIds"/> in the gateway), which holds no id nothing uses.
/// </summary>
public sealed class EventIdTests
{
    private const string Docs = "(docs/ARCHITECTURE.md, \"Event ids\")";

    /// <summary>The assemblies of the gateway process.</summary>
    private static readonly Assembly[] Assemblies = [typeof(GatewayApplication).Assembly, Assembly.Load("Gateway.Client"), Assembly.Load("Gateway.Signing")];

    private static readonly List<(Assembly Assembly, string Method, int Id)> Messages = Assemblies
        .SelectMany(a => a.GetTypes().Select(t => (Assembly: a, Type: t)))
        .SelectMany(x => x.Type
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (x.Assembly, Method: $"{x.Type.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())))
        .Where(m => m.Attribute is not null)
        .Select(m => (m.Assembly, m.Method, m.Attribute!.EventId))
        .ToList();

    [Fact]
    public void LoggerMessageEventIds_AreUnique()
    {
        var duplicates = Messages
            .GroupBy(m => m.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();

        Assert.True(Messages.Count > 20, "The scan found too few [LoggerMessage] methods to be meaningful.");
        Assert.True(duplicates.Count == 0, $"Event ids used more than once {Docs}:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void LoggerMessageEventIds_AreConstantsOfTheirAssemblysRegistry()
    {
        var offenders = Messages
            .GroupBy(m => m.Assembly)
            .SelectMany(g => Registry(g.Key) is { } registry
                ? g.Where(m => !registry.Any(c => c.Value == m.Id)).Select(m => $"{m.Id}: {m.Method}")
                : g.Select(m => $"{m.Id}: {m.Method} ({g.Key.GetName().Name} has no EventIds class)"))
            .ToList();

        Assert.NotNull(Registry(typeof(GatewayApplication).Assembly));
        Assert.True(offenders.Count == 0, $"Event ids that are not a constant of the assembly's EventIds registry; add them there {Docs}:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EventIdRegistries_HaveNoUnusedOrRepeatedConstant()
    {
        var used = Messages.Select(m => m.Id).ToHashSet();
        var constants = Assemblies.SelectMany(a => Registry(a) ?? []).ToList();
        var unused = constants.Where(c => !used.Contains(c.Value)).Select(c => $"{c.Name} = {c.Value}").ToList();
        var repeated = constants
            .GroupBy(c => c.Value)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Name))}")
            .ToList();

        Assert.Contains(constants, c => c.Name == "EventIds.Errors.Unhandled" && c.Value == EventIds.Errors.Unhandled);
        Assert.True(unused.Count == 0, $"EventIds constants no [LoggerMessage] uses; remove them {Docs}:\n" + string.Join("\n", unused));
        Assert.True(repeated.Count == 0, $"EventIds constants with the same value {Docs}:\n" + string.Join("\n", repeated));
    }

    /// <summary>The <c>int</c> constants of the assembly's top-level <c>EventIds</c> class and its nested classes; <c>null</c> without one.</summary>
    private static List<(string Name, int Value)>? Registry(Assembly assembly)
    {
        var registry = assembly.GetTypes().SingleOrDefault(t => t.Name == nameof(EventIds) && t.DeclaringType is null);
        return registry is null ? null : Constants(registry, registry.Name).ToList();

        static IEnumerable<(string Name, int Value)> Constants(Type type, string path) =>
            type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(int))
                .Select(f => ($"{path}.{f.Name}", (int)f.GetRawConstantValue()!))
                .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(n => Constants(n, $"{path}.{n.Name}")));
    }
}
