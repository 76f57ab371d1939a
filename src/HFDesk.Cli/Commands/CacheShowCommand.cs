using HFDesk.Cli.Rendering;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk cache show owner/name</c>: the same answer as <c>GET /api/cache/{owner}/{repo}</c>.</summary>
internal sealed class CacheShowCommand(IAnsiConsole console) : AsyncCommand<CacheRepoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CacheRepoSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (CacheCommandContext.TryOpenSettings(settings, console) is not { } store)
        {
            return ExitCodes.Usage;
        }

        var roots = store.Roots;
        var scan = await Task.Run(() => CacheScanner.Scan(roots, cancellationToken), cancellationToken);
        var found = scan.Find(settings.Type, settings.Repo);
        if (found.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {settings.Repo} ({settings.Type.Word()}) is not in the cache");
            return ExitCodes.Failed;
        }

        var detail = found.ToDetail();
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, detail, ApiJsonContext.Default.CacheDetailResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        console.Write(CacheTables.RenderDetail(detail));
        return ExitCodes.Ok;
    }
}
