using HFDesk.Cli.Rendering;
using HFDesk.Core.Cache;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk cache rebuild [--clean]</c>: the same as <c>POST /api/cache/rebuild</c>.</summary>
internal sealed class CacheRebuildCommand(IAnsiConsole console) : AsyncCommand<CacheRebuildSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CacheRebuildSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (CacheCommandContext.TryOpenSettings(settings, console) is not { } store)
        {
            return ExitCodes.Usage;
        }

        var result = await new CacheRebuilder(NoRepoActivity.Instance).RebuildAsync(store.Roots, settings.Clean, cancellationToken);
        var response = result.ToResponse();
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, response, ApiJsonContext.Default.CacheRebuildResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"{response.Message}.");
        foreach (var removed in result.Removed)
        {
            console.MarkupLineInterpolated($"  [grey]removed {removed}[/]");
        }

        foreach (var warning in result.Warnings)
        {
            CliWarning.Write(console, settings, warning);
        }

        return ExitCodes.Ok;
    }
}
