using System.Globalization;
using HFDesk.Core.Analysis;
using HFDesk.Core.Machine;
using HFDesk.Core.Units;
using Spectre.Console;

namespace HFDesk.Cli.Rendering;

/// <summary>The analysis as a terminal page: a header, the selectable items (recommended marked) and the download to run.</summary>
internal static class AnalysisView
{
    public const string RecommendedMark = "★";

    public static void Render(IAnsiConsole console, RepoAnalysis analysis)
    {
        console.MarkupLineInterpolated($"[bold]{analysis.Repo}[/] ({(analysis.IsDataset ? "dataset" : "model")}) at {analysis.Revision} [grey]({analysis.Commit})[/]");
        console.MarkupLineInterpolated($"Type: [bold]{analysis.Kind.ApiName()}[/] — {analysis.TypeDescription}");
        console.MarkupLineInterpolated($"{analysis.Files.Count} files, {ByteSize.Format(analysis.TotalSize)}");
        if (analysis.AlsoDataset)
        {
            console.MarkupLine("A dataset with the same id exists too: add [bold]--dataset[/] to analyze it.");
        }

        // One table per category keeps the columns that matter to it and fits an 80-column terminal.
        var wide = console.Profile.Width >= 120;
        foreach (var group in analysis.SelectableItems.GroupBy(i => i.Category))
        {
            console.WriteLine();
            console.Write(ItemsTable(CategoryTitle(group.Key), [.. group], wide));
        }

        var planned = analysis.RecommendedFiles;
        var plannedSize = analysis.Files.Where(f => planned.Contains(f.Path)).Sum(f => f.Size);
        console.WriteLine();
        console.MarkupLineInterpolated($"Recommended download: {planned.Count} files, {ByteSize.Format(plannedSize)}");
        console.MarkupLineInterpolated($"  {DownloadCommandLine(analysis.RecommendedDownload)}");
    }

    /// <summary>The <c>hfdesk download</c> line equivalent to the recommended download body.</summary>
    public static string DownloadCommandLine(RecommendedDownload download)
    {
        ArgumentNullException.ThrowIfNull(download);
        var parts = new List<string> { "hfdesk download", download.Repo };
        if (download.Filters.Count > 0)
        {
            parts.Add("-F " + Quote(string.Join(',', download.Filters)));
        }

        if (download.Excludes.Count > 0)
        {
            parts.Add("-E " + Quote(string.Join(',', download.Excludes)));
        }

        if (download.ExactMatch)
        {
            parts.Add("--exact");
        }

        if (download.Revision is not null)
        {
            parts.Add("-r " + Quote(download.Revision));
        }

        if (download.Dataset)
        {
            parts.Add("--dataset");
        }

        return string.Join(' ', parts);
    }

    private static Table ItemsTable(string title, IReadOnlyList<SelectableItem> items, bool wide)
    {
        var hasQuality = items.Any(i => i.Quality is not null);
        var hasRam = items.Any(i => i.EstimatedRam is not null);
        var hasFit = items.Any(i => i.Fit is not null);
        var describe = wide && items.Any(i => i.Description is not null);
        var table = new Table().Border(TableBorder.Rounded).Title(title)
            .AddColumn(new TableColumn(RecommendedMark).Centered())
            .AddColumn("Item")
            .AddColumn(new TableColumn("Size").RightAligned());
        if (hasQuality)
        {
            table.AddColumn(new TableColumn("Quality").Centered());
        }

        if (hasRam)
        {
            table.AddColumn(new TableColumn("RAM").RightAligned());
        }

        if (hasFit)
        {
            table.AddColumn("Fit");
        }

        table.AddColumn(new TableColumn("Files").RightAligned()).AddColumn("Filter");
        if (describe)
        {
            table.AddColumn("Description");
        }

        foreach (var item in items)
        {
            var cells = new List<string>
            {
                item.Recommended ? $"[green]{RecommendedMark}[/]" : "",
                Markup.Escape(item.Label),
                ByteSize.Format(item.Size),
            };
            if (hasQuality)
            {
                cells.Add(item.Quality is { } q ? new string('●', q) + new string('○', 5 - q) : "");
            }

            if (hasRam)
            {
                cells.Add(item.EstimatedRam is { } ram ? ByteSize.Format(ram) : "");
            }

            if (hasFit)
            {
                cells.Add(item.Fit switch
                {
                    null => "",
                    MemoryFit.TooLarge => $"[red]{item.Fit.Value.Describe()}[/]",
                    MemoryFit.FullGpu => $"[green]{item.Fit.Value.Describe()}[/]",
                    _ => item.Fit.Value.Describe(),
                });
            }

            cells.Add(item.Files.Count.ToString(CultureInfo.InvariantCulture));
            cells.Add(Markup.Escape(item.FilterValue));
            if (describe)
            {
                cells.Add(Markup.Escape(item.Description ?? ""));
            }

            table.AddRow([.. cells]);
        }

        return table;
    }

    private static string CategoryTitle(string category) => category switch
    {
        "quantization" => "Quantizations",
        "vision_encoder" => "Vision encoders",
        "format" => "Formats",
        "component" => "Pipeline components",
        "variant" => "Weight variants",
        "checkpoint" => "Single-file checkpoints",
        "subset" => "Subsets",
        "split" => "Splits",
        "folder" => "Folders",
        _ => category,
    };

    // Filters with '*' or spaces would be expanded or split by a shell.
    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(" *?\"'") >= 0 ? $"\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : value;
}
