using HFDesk.Cli.Rendering;
using HFDesk.Core.Units;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk mirror targets</c>: the same list as <c>GET /api/mirror/targets</c>.</summary>
internal sealed class MirrorTargetsCommand(IAnsiConsole console) : AsyncCommand<MirrorSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MirrorSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await MirrorCommandContext.TryOpenAsync(settings, console, cancellationToken) is not { } engine)
        {
            return ExitCodes.Usage;
        }

        var response = engine.ListTargets().ToListResponse();
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, response, ApiJsonContext.Default.MirrorTargetListResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Name", "Path", "State", "Symlinks", "Free", "Description");
        foreach (var t in response.Targets)
        {
            var state = !t.Exists ? "[red]missing[/]" : t.Writable ? "[green]ok[/]" : "[yellow]read-only[/]";
            var symlinks = t.Symlinks switch { true => "yes", false => "no (real files)", null => "?" };
            var free = t.Free is { } f && t.Total is { } total ? $"{ByteSize.Format(f)} of {ByteSize.Format(total)}" : "-";
            table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Path), state, symlinks, free, Markup.Escape(t.Description));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}
