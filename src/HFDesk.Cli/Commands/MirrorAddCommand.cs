using HFDesk.Cli.Rendering;
using HFDesk.Core.Mirror;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk mirror add &lt;name&gt; &lt;path&gt;</c>: as <c>POST /api/mirror/targets</c>.</summary>
internal sealed class MirrorAddCommand(IAnsiConsole console) : AsyncCommand<MirrorAddSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MirrorAddSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await MirrorCommandContext.TryOpenAsync(settings, console, cancellationToken) is not { } engine)
        {
            return ExitCodes.Usage;
        }

        var change = await engine.Targets.AddAsync(settings.Name, settings.Path, settings.Description, engine.HubDir, cancellationToken);
        if (change.Target is not { } target)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {change.Message}");
            return MirrorCommandContext.ExitCodeOf(change.Outcome);
        }

        var status = MirrorTargetStatus.Probe(target).ToResponse();
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, new MirrorTargetListResponse([status]), ApiJsonContext.Default.MirrorTargetListResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        console.MarkupLineInterpolated($"{change.Message}: [bold]{target.Name}[/] → {target.HubDir}{(status.Exists ? "" : " (the folder does not exist yet)")}");
        return ExitCodes.Ok;
    }
}
