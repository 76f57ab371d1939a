using HFDesk.Cli.Rendering;
using HFDesk.Core.Units;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk mirror diff &lt;target&gt;</c>: as <c>POST /api/mirror/diff</c>.</summary>
internal sealed class MirrorDiffCommand(IAnsiConsole console) : AsyncCommand<MirrorTargetSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MirrorTargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await MirrorCommandContext.TryOpenAsync(settings, console, cancellationToken) is not { } engine)
        {
            return ExitCodes.Usage;
        }

        var answer = engine.Diff(settings.Target, settings.Repo, cancellationToken);
        if (answer.Value is not { } diff)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {answer.Message}");
            return MirrorCommandContext.ExitCodeOf(answer.Outcome);
        }

        var response = diff.ToResponse();
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, response, ApiJsonContext.Default.MirrorDiffResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Repo", "Type", "State", "Push", "Pull", "Busy");
        foreach (var r in response.Repos)
        {
            var color = r.State switch { "same" => "green", "missing" => "yellow", "extra" => "blue", _ => "red" };
            table.AddRow(
                Markup.Escape(r.Repo),
                r.Type,
                $"[{color}]{r.State}[/]",
                r.FilesToPush == 0 ? "-" : $"{r.FilesToPush} files, {ByteSize.Format(r.BytesToPush)}",
                r.FilesToPull == 0 ? "-" : $"{r.FilesToPull} files, {ByteSize.Format(r.BytesToPull)}",
                r.Busy ? "[yellow]busy[/]" : "");
        }

        console.Write(table);
        var s = response.Summary;
        console.MarkupLineInterpolated($"{response.Source} ↔ {response.Destination}: {s.Missing} missing, {s.Extra} extra, {s.Outdated} outdated, {s.Same} same; push {ByteSize.Format(s.BytesToPush)}, pull {ByteSize.Format(s.BytesToPull)}");
        return ExitCodes.Ok;
    }
}
