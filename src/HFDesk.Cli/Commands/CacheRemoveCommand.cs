using HFDesk.Cli.Rendering;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Storage;
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
        if (!settings.Yes && !await ConfirmAsync(store.Roots, repo, settings, cancellationToken))
        {
            return console.Profile.Capabilities.Interactive ? ExitCodes.Failed : ExitCodes.Usage;
        }

        // The CLI runs no jobs, but a server may, on the same data directory: its queued, running or paused jobs
        // still need their files, as they do for DELETE /api/cache.
        var activity = await StoredJobActivity.LoadAsync(store.DataDir, cancellationToken);
        var result = new CacheDeleter(activity).Delete(store.Roots, settings.Type, repo.Owner, repo.Name, settings.Copy, cancellationToken);
        foreach (var warning in result.Warnings)
        {
            CliWarning.Write(console, settings, warning);
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

    /// <summary>
    /// Deleting is not undoable: on a terminal the user confirms (default no); without one nobody can, so a
    /// script must say <c>--yes</c> rather than have a piped "y" or a closed stdin decide.
    /// </summary>
    private async Task<bool> ConfirmAsync(StorageRoots roots, RepoId repo, CacheRemoveSettings settings, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            console.MarkupLine("[red]Error:[/] cache rm deletes files and stdin is not a terminal to confirm on; pass --yes to delete from a script.");
            return false;
        }

        var copy = settings.Copy;
        var found = CacheScanner.Scan(roots, cancellationToken).Find(settings.Type, repo.ToString())
            .FirstOrDefault(r => r.Source == copy.Source);
        var what = found is null
            ? $"{repo} ({copy.Source.Text()})"
            : $"{repo} ({copy.Source.Text()}, {ByteSize.Format(found.Size)} in {found.Path})";
        var prompt = new ConfirmationPrompt($"Delete {Markup.Escape(what)}?") { DefaultValue = false };
        if (await console.PromptAsync(prompt, cancellationToken))
        {
            return true;
        }

        console.MarkupLine("Nothing deleted.");
        return false;
    }
}
