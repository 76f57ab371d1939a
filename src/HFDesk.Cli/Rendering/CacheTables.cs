using System.Globalization;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HFDesk.Cli.Rendering;

internal static class CacheTables
{
    /// <summary>Below this many columns the eight-column table would squeeze every cell into wrapped fragments.</summary>
    private const int WideTableColumns = 120;

    public static IRenderable RenderList(CacheListResponse response, int width)
    {
        ArgumentNullException.ThrowIfNull(response);
        var stats = response.Stats;
        var summary = new Text(
            $"{stats.TotalModels} models, {stats.TotalDatasets} datasets, {stats.TotalFiles} files, {stats.TotalSizeHuman}\n"
            + $"HF cache: {response.EffectiveHubDir} ({response.HubDirSource})");
        if (response.Repos.Count == 0)
        {
            return new Rows(new Text("Nothing cached yet."), summary);
        }

        return new Rows(width < WideTableColumns ? RenderNarrowList(response.Repos, width) : RenderTable(response.Repos), summary);
    }

    /// <summary>
    /// Two lines per copy for a narrow terminal: the repo id whole with its size and status, then the rest,
    /// wrapped at word boundaries. A table cell would wrap the id itself mid-name; this never does.
    /// </summary>
    private static Text RenderNarrowList(IReadOnlyList<CacheEntryResponse> repos, int width)
    {
        var lines = new List<string>();
        foreach (var repo in repos)
        {
            var tail = $"  {repo.SizeHuman,8}  {repo.DownloadStatus,-8}";
            var details = new List<string> { repo.Type, repo.Source, repo.FileCount == 1 ? "1 file" : $"{repo.FileCount} files" };
            if (repo.Repo.Length + tail.Length <= width)
            {
                lines.Add((repo.Repo.PadRight(width - tail.Length) + tail).TrimEnd());
            }
            else
            {
                // An id longer than the line (the Hub allows 193 characters) still stays whole on its own line.
                lines.Add(repo.Repo);
                details.Insert(0, $"{repo.SizeHuman}, {repo.DownloadStatus}");
            }

            if (repo.Quantizations.Count > 0)
            {
                details.Add(string.Join(", ", repo.Quantizations));
            }

            if (repo.Downloaded is { } downloaded)
            {
                details.Add(downloaded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            lines.AddRange(Wrap(string.Join(" · ", details), "  ", width));
        }

        return new Text(string.Join('\n', lines));
    }

    private static IEnumerable<string> Wrap(string text, string indent, int width)
    {
        var line = indent;
        foreach (var word in text.Split(' '))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = indent;
            }

            line += line.Length > indent.Length ? " " + word : word;
        }

        yield return line;
    }

    private static Table RenderTable(IReadOnlyList<CacheEntryResponse> repos)
    {
        var table = new Table().RoundedBorder();
        table.AddColumn(new TableColumn("Repository").NoWrap());
        table.AddColumn("Type");
        table.AddColumn("Source");
        table.AddColumn(new TableColumn("Size").RightAligned());
        table.AddColumn(new TableColumn("Files").RightAligned());
        table.AddColumn("Status");
        table.AddColumn("Quantizations");
        table.AddColumn(new TableColumn("Downloaded").NoWrap());
        foreach (var repo in repos)
        {
            table.AddRow(
                new Text(repo.Repo),
                new Text(repo.Type),
                new Text(repo.Source),
                new Text(repo.SizeHuman),
                new Text(repo.FileCount.ToString(CultureInfo.InvariantCulture)),
                new Text(repo.DownloadStatus),
                new Text(string.Join(", ", repo.Quantizations)),
                new Text(repo.Downloaded?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""));
        }

        return table;
    }

    public static IRenderable RenderDetail(CacheDetailResponse detail)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value) => grid.AddRow(new Text(name), new Text(value ?? "-"));
        Row("Repository", $"{detail.Repo} ({detail.Type})");
        Row("Source", detail.Source);
        Row("Path", detail.Path);
        Row("Friendly view", detail.FriendlyPath);
        Row("Size", $"{detail.SizeHuman} in {detail.FileCount} files");
        Row("Branch", detail.Branch);
        Row("Commit", detail.Commit);
        Row("Status", detail.DownloadStatus + (detail.Manifest is { Filters.Count: > 0 } m ? $" (filters: {string.Join(", ", m.Filters)})" : ""));
        Row("Quantizations", detail.Quantizations.Count > 0 ? string.Join(", ", detail.Quantizations) : null);
        foreach (var other in detail.OtherLocations)
        {
            Row("Also in", $"{other.Source}: {other.Path}");
        }

        var files = new Table().RoundedBorder();
        files.AddColumn(new TableColumn("File").NoWrap());
        files.AddColumn(new TableColumn("Size").RightAligned());
        foreach (var file in detail.Files)
        {
            files.AddRow(new Text(file.Path), new Text(file.SizeHuman));
        }

        var parts = new List<IRenderable> { grid, files };
        parts.AddRange(detail.Warnings.Select(w => new Markup($"[yellow]Warning:[/] {Markup.Escape(w)}")));
        return new Rows(parts);
    }
}
