using System.Globalization;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HFDesk.Cli.Rendering;

internal static class SearchResultsTable
{
    public static IRenderable Render(IReadOnlyList<SearchItem> items)
    {
        var table = new Table().RoundedBorder();
        // Repo ids are what users copy: never wrap them, let the other columns give way.
        table.AddColumn(new TableColumn("Repository").NoWrap());
        table.AddColumn(new TableColumn("Downloads").RightAligned());
        table.AddColumn(new TableColumn("Likes").RightAligned());
        table.AddColumn("Task / library");
        table.AddColumn(new TableColumn("Updated").NoWrap());
        table.AddColumn("Flags");
        foreach (var item in items)
        {
            var kind = item.PipelineTag ?? item.LibraryName ?? (item.IsDataset ? "dataset" : "");
            table.AddRow(
                new Text(item.Id),
                new Text(Compact(item.Downloads)),
                new Text(Compact(item.Likes)),
                new Text(kind),
                new Text(item.LastModified?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
                new Text(Flags(item)));
        }

        return table;
    }

    /// <summary>1234 → 1.2k, 3400000 → 3.4M: the magnitude is what a reader compares.</summary>
    public static string Compact(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (value / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Flags(SearchItem item)
    {
        var flags = new List<string>();
        if (item.IsDataset)
        {
            flags.Add("dataset");
        }

        if (item.Private)
        {
            flags.Add("private");
        }

        if (item.Gated)
        {
            flags.Add("gated");
        }

        if (item.Local.Present)
        {
            flags.Add("local");
        }

        return string.Join(", ", flags);
    }
}
