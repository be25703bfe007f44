using System.Text;

namespace Gateway.Cli.Output;

/// <summary>Renders rows as left-aligned columns separated by two spaces, headers in capitals, no trailing blanks.</summary>
public static class TextTable
{
    /// <summary>The table for <paramref name="headers"/> and <paramref name="rows"/>.</summary>
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers.Select(h => h.ToUpperInvariant()).ToArray() };
        all.AddRange(rows.Select(r => r.Select(c => Display.Safe(c)).ToArray()));
        var widths = new int[headers.Count];
        foreach (var row in all)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var builder = new StringBuilder();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < row.Count ? row[i] : "";
                line.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            }

            builder.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>A two-column list of <c>Label:</c> and value, the labels padded to one width.</summary>
    public static string Fields(IEnumerable<(string Label, string Value)> fields)
    {
        var list = fields.ToList();
        var width = list.Count == 0 ? 0 : list.Max(f => f.Label.Length) + 1;
        var builder = new StringBuilder();
        foreach (var (label, value) in list)
        {
            builder.Append((label + ":").PadRight(width + 2)).Append(Display.Safe(value)).Append('\n');
        }

        return builder.ToString();
    }
}
