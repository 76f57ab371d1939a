using System.Globalization;
using HFDesk.Core.Analysis;
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

        console.WriteLine();
        if (analysis.SelectableItems.Count > 0)
        {
            console.Write(ItemsTable(analysis.SelectableItems));
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

    private static Table ItemsTable(IReadOnlyList<SelectableItem> items)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn(RecommendedMark).Centered())
            .AddColumn("Item")
            .AddColumn("Category")
            .AddColumn(new TableColumn("Size").RightAligned())
            .AddColumn(new TableColumn("Quality").Centered())
            .AddColumn(new TableColumn("RAM").RightAligned())
            .AddColumn(new TableColumn("Files").RightAligned())
            .AddColumn("Filter");
        foreach (var item in items)
        {
            table.AddRow(
                item.Recommended ? $"[green]{RecommendedMark}[/]" : "",
                Markup.Escape(item.Label),
                Markup.Escape(item.Category),
                ByteSize.Format(item.Size),
                item.Quality is { } q ? new string('●', q) + new string('○', 5 - q) : "",
                item.EstimatedRam is { } ram ? ByteSize.Format(ram) : "",
                item.Files.Count.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(item.FilterValue));
        }

        return table;
    }

    // Filters with '*' or spaces would be expanded or split by a shell.
    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(" *?\"'") >= 0 ? $"\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : value;
}
