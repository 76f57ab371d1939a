using HFDesk.Core.Mirror;
using HFDesk.Core.Units;
using Spectre.Console;

namespace HFDesk.Cli.Rendering;

/// <summary>Spectre progress for <c>hfdesk mirror push|pull</c>: one bar of bytes (speed, ETA in <see cref="ByteSize"/>'s units) labelled with files done and the current repo.</summary>
internal sealed class MirrorProgressView(ProgressContext context, MirrorPlan plan)
{
    private readonly ProgressTask _total = context.AddTask(
        $"{plan.TotalFiles} files, {ByteSize.Format(plan.TotalBytes)}", autoStart: true, maxValue: Math.Max(1, plan.TotalBytes));

    public void Report(MirrorOperationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var p = e.Operation.Progress;
        _total.Value = p.BytesDone;

        // Decimal units and speed from the bytes this run moved, like the download bars (Spectre's own columns use KiB).
        _total.State.Update<double>(FetchRateColumn.FetchedKey, _ => p.BytesDone);
        var repo = p.Repo is null ? "" : " · " + p.Repo;
        _total.Description = Markup.Escape($"{p.FilesDone}/{p.FilesTotal} files{repo}");
    }
}
