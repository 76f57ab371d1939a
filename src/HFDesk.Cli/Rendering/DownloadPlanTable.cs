using HFDesk.Core.Planning;
using HFDesk.Core.Units;
using Spectre.Console;

namespace HFDesk.Cli.Rendering;

/// <summary><c>hfdesk download --dry-run</c> on a terminal: the plan as a table and its totals.</summary>
internal static class DownloadPlanTable
{
    public static void Write(IAnsiConsole console, DownloadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);
        var table = new Table().AddColumn("File").AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Present");
        foreach (var file in plan.Files)
        {
            table.AddRow(Markup.Escape(file.Path), ByteSize.Format(file.Size), file.Present ? "[green]yes[/]" : "no");
        }

        console.MarkupLine($"[bold]{Markup.Escape(plan.Repo.ToString())}[/] @ {Markup.Escape(plan.Revision)} → commit {plan.Commit}");
        console.Write(table);
        var free = plan.FreeSpace is { } bytes ? ByteSize.Format(bytes) : "unknown";
        console.MarkupLine(
            $"{plan.TotalFiles} files, {ByteSize.Format(plan.TotalSize)} total, {ByteSize.Format(plan.BytesToDownload)} to download, {free} free → {Markup.Escape(plan.Destination)}");
    }
}
