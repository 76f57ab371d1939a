using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Units;
using Spectre.Console;

namespace HFDesk.Cli.Rendering;

/// <summary><c>hfdesk download --dry-run</c> on a terminal: the plan as a table and its totals.</summary>
internal static class DownloadPlanTable
{
    public static void Write(IAnsiConsole console, RepoDownloadRun run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var plan = run.Plan;
        var table = new Table().AddColumn("File").AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Present");
        foreach (var file in plan.Files)
        {
            table.AddRow(Markup.Escape(file.Path), ByteSize.Format(file.Size), run.IsPresent(file) ? "[green]yes[/]" : "no");
        }

        console.MarkupLine($"[bold]{Markup.Escape(plan.Repo.ToString())}[/] @ {Markup.Escape(plan.Revision)} → commit {plan.Commit}");
        console.Write(table);
        var free = run.AvailableFreeSpace() is { } bytes ? ByteSize.Format(bytes) : "unknown";
        console.MarkupLine(
            $"{plan.TotalFiles} files, {ByteSize.Format(plan.TotalSize)} total, {ByteSize.Format(run.BytesToDownload)} to download, {free} free → {Markup.Escape(run.OutputDir)}");
    }
}
