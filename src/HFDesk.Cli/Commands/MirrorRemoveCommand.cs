using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk mirror remove &lt;name&gt;</c>: forgets the target; never touches its files.</summary>
internal sealed class MirrorRemoveCommand(IAnsiConsole console) : AsyncCommand<MirrorTargetSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MirrorTargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await MirrorCommandContext.TryOpenAsync(settings, console, cancellationToken) is not { } engine)
        {
            return ExitCodes.Usage;
        }

        var change = await engine.Targets.RemoveAsync(settings.Target, cancellationToken);
        console.MarkupLineInterpolated(change.Target is null ? (FormattableString)$"[red]Error:[/] {change.Message}" : $"{change.Message}: {change.Target.Name}");
        return MirrorCommandContext.ExitCodeOf(change.Outcome);
    }
}
