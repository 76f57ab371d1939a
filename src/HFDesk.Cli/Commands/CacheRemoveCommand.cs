using HFDesk.Cli.Rendering;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Units;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk cache rm owner/name [--source S] [--path P]</c>: the same delete as <c>DELETE /api/cache/{owner}/{repo}</c>.</summary>
internal sealed class CacheRemoveCommand(IAnsiConsole console) : AsyncCommand<CacheRemoveSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CacheRemoveSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (CacheCommandContext.TryOpenSettings(settings, console) is not { } store)
        {
            return ExitCodes.Usage;
        }

        var repo = RepoId.Parse(settings.Repo);
        // The CLI runs no jobs, but a server may, on the same data directory: its queued, running or paused jobs
        // still need their files, as they do for DELETE /api/cache.
        var activity = await StoredJobActivity.LoadAsync(store.DataDir, cancellationToken);
        var result = new CacheDeleter(activity).Delete(store.Roots, settings.Type, repo.Owner, repo.Name, settings.Copy, cancellationToken);
        foreach (var warning in result.Warnings)
        {
            console.MarkupLineInterpolated($"[yellow]Warning:[/] {warning}");
        }

        if (settings.Json && result.Outcome == CacheDeleteOutcome.Deleted)
        {
            await JsonOutput.WriteAsync(console, result.ToResponse(), ApiJsonContext.Default.CacheDeleteResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        switch (result.Outcome)
        {
            case CacheDeleteOutcome.Deleted:
                console.MarkupLineInterpolated($"{result.Message} (freed {ByteSize.Format(result.FreedBytes)})");
                foreach (var path in result.DeletedPaths)
                {
                    console.MarkupLineInterpolated($"  [grey]{path}[/]");
                }

                return ExitCodes.Ok;
            case CacheDeleteOutcome.Invalid:
                console.MarkupLineInterpolated($"[red]Error:[/] {result.Message}");
                return ExitCodes.Usage;
            default:
                console.MarkupLineInterpolated($"[red]Error:[/] {result.Message}");
                return ExitCodes.Failed;
        }
    }
}
