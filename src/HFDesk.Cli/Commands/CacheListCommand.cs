using HFDesk.Cli.Rendering;
using HFDesk.Core.Cache;
using HFDesk.Server.Contracts;
using HFDesk.Server.Endpoints;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk cache list</c>: the same scan and answer as <c>GET /api/cache</c>.</summary>
internal sealed class CacheListCommand(IAnsiConsole console) : AsyncCommand<CacheListSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CacheListSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!CacheEndpoints.TryParseType(settings.Type, out var type))
        {
            console.MarkupLineInterpolated($"[red]Error:[/] --type '{settings.Type}' must be model or dataset");
            return ExitCodes.Usage;
        }

        if (CacheCommandContext.TryOpenSettings(settings, console) is not { } store)
        {
            return ExitCodes.Usage;
        }

        var roots = store.Roots;
        var scan = await Task.Run(() => CacheScanner.Scan(roots, cancellationToken), cancellationToken);
        var repos = scan.Filter(type, settings.Search);
        var response = repos.ToListResponse(roots);
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, response, ApiJsonContext.Default.CacheListResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        console.Write(CacheTables.RenderList(response, console.Profile.Width));
        return ExitCodes.Ok;
    }
}
