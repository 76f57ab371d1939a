using System.Globalization;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HFDesk.Cli.Rendering;

internal static class CacheTables
{
    public static IRenderable RenderList(CacheListResponse response)
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
        foreach (var repo in response.Repos)
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

        var stats = response.Stats;
        var summary = new Text(
            $"{stats.TotalModels} models, {stats.TotalDatasets} datasets, {stats.TotalFiles} files, {stats.TotalSizeHuman}\n"
            + $"HF cache: {response.EffectiveHubDir} ({response.HubDirSource})");
        return response.Repos.Count == 0
            ? new Rows(new Text("Nothing cached yet."), summary)
            : new Rows(table, summary);
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
