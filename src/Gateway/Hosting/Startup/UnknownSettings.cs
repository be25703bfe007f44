using System.Collections;
using System.Reflection;
using Gateway.Configuration;
using Gateway.Errors;
using Microsoft.Extensions.Configuration;

namespace Gateway.Hosting.Startup;

/// <summary>
/// Finds configuration keys under <c>Gateway:</c> that no options type binds (a misspelled
/// <c>Gateway__Listners__Proxy__Url</c> would otherwise be ignored and the gateway start on defaults). The known keys
/// are the public settable properties of <see cref="GatewayOptions"/> (walked by reflection, so a new member is known
/// without registration) and of every registered <see cref="GatewaySettingsSection"/>.
/// </summary>
public static class UnknownSettings
{
    /// <summary>Throws a <see cref="GatewayStartupException"/> naming every unknown key, with a "did you mean".</summary>
    public static void Check(IConfiguration configuration, IEnumerable<GatewaySettingsSection> extraSections)
    {
        var problems = Find(configuration, extraSections);
        if (problems.Count > 0)
        {
            throw new GatewayStartupException(
                (problems.Count == 1 ? "unknown setting " : "unknown settings ") + string.Join("; ", problems)
                + ". Correct or remove it: the gateway refuses settings it does not know (docs/CONFIGURATION.md lists every key).");
        }
    }

    /// <summary>Each unknown key as <c>Gateway:X:Y</c>, followed by <c>(did you mean Gateway:X:Z?)</c> when one is close.</summary>
    public static IReadOnlyList<string> Find(IConfiguration configuration, IEnumerable<GatewaySettingsSection> extraSections)
    {
        var extra = extraSections.ToDictionary(s => s.Name, s => s.OptionsType, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var root = configuration.GetSection(GatewayOptions.SectionName);
        var known = Properties(typeof(GatewayOptions));
        foreach (var child in root.GetChildren())
        {
            if (extra.TryGetValue(child.Key, out var sectionType))
            {
                Walk(child, sectionType, problems);
            }
            else if (known.TryGetValue(child.Key, out var property))
            {
                Walk(child, property.PropertyType, problems);
            }
            else
            {
                problems.Add(Describe(child, known.Keys.Concat(extra.Keys)));
            }
        }

        return problems;
    }

    private static void Walk(IConfigurationSection section, Type type, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            foreach (var child in section.GetChildren())
            {
                problems.Add($"{child.Path} ({section.Path} is a single value)");
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                Walk(child, element, problems);
            }

            return;
        }

        var properties = Properties(type);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                Walk(child, property.PropertyType, problems);
            }
            else
            {
                problems.Add(Describe(child, properties.Keys));
            }
        }
    }

    private static Dictionary<string, PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.CanWrite || !IsScalar(p.PropertyType)))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
            || type == typeof(Guid) || type == typeof(Uri) || type == typeof(byte[]);
    }

    /// <summary>The value type of a dictionary or the element type of an array or list; <c>null</c> for other types.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    /// <summary>The unknown key as set (its first leaf, e.g. <c>Gateway:Listners:Proxy:Url</c>), with the closest known name.</summary>
    private static string Describe(IConfigurationSection section, IEnumerable<string> candidates)
    {
        var key = section.Key;
        var parent = section.Path[..^key.Length];
        var leaf = section.AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null).Select(p => p.Key)
            .Where(k => k.Length > 0).Order(StringComparer.Ordinal).FirstOrDefault();
        var suffix = leaf is null ? "" : ":" + leaf;
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(key.ToUpperInvariant(), c.ToUpperInvariant())))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 3))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Name is null
            ? section.Path + suffix
            : $"{section.Path}{suffix} (did you mean {parent}{best.Name}{suffix}?)";
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
