using System.Text.Json;
using HFDesk.Cli.Rendering;
using HFDesk.Core.Downloads;
using HFDesk.Core.Mirror;
using HFDesk.Core.Units;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary>
/// <c>hfdesk mirror push|pull &lt;target&gt;</c>: plans as the API does; <c>--dry-run</c> prints the plan as a table;
/// otherwise takes the target's lock and runs with Spectre progress (or <c>--json</c> event lines). Ctrl-C cancels
/// cleanly between reads (exit 130): what arrived stays, a rerun copies only the rest.
/// </summary>
internal abstract class MirrorRunCommand(IAnsiConsole console) : AsyncCommand<MirrorRunSettings>
{
    protected abstract MirrorDirection Direction { get; }

    public override async Task<int> ExecuteAsync(CommandContext context, MirrorRunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (await MirrorCommandContext.TryOpenAsync(settings, console, cancellationToken) is not { } engine)
        {
            return ExitCodes.Usage;
        }

        var request = new MirrorRequest(Direction, settings.Target, settings.Repo, settings.DryRun, settings.Verify, settings.DeleteExtra, settings.Force, settings.Fsync);
        var planned = engine.Plan(request, cancellationToken);
        if (planned.Value is not { } plan)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {planned.Message}");
            return MirrorCommandContext.ExitCodeOf(planned.Outcome);
        }

        if (settings.DryRun)
        {
            return await PrintPlanAsync(plan, settings.Json, cancellationToken);
        }

        await using var targetLock = engine.TryLock(plan, out var holder);
        if (targetLock is null)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] the target is in use: {holder}");
            return ExitCodes.Failed;
        }

        var bandwidth = new BandwidthLimiter(TimeProvider.System);
        if (settings.MaxSpeed is { } maxSpeed && ByteSize.TryParse(maxSpeed, out var bytesPerSecond))
        {
            bandwidth.BytesPerSecond = bytesPerSecond;
        }

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var writer = console.Profile.Out.Writer;
            MirrorOperation operation;
            if (settings.Json || !console.Profile.Capabilities.Interactive)
            {
                operation = engine.CreateOperation(plan, settings.Json ? e => WriteLine(writer, e) : null);
                await MirrorRun.ExecuteAsync(plan, MirrorCopyOptions.From(request), operation, bandwidth, interrupt.Token);
            }
            else
            {
                operation = await console.Progress()
                    .AutoClear(false)
                    .Columns(
                        new TaskDescriptionColumn(),
                        new ProgressBarColumn(),
                        new PercentageColumn(),
                        new ByteCountColumn(),
                        new FetchRateColumn())
                    .StartAsync(async ctx =>
                    {
                        var view = new MirrorProgressView(ctx, plan);
                        var op = engine.CreateOperation(plan, view.Report);
                        await MirrorRun.ExecuteAsync(plan, MirrorCopyOptions.From(request), op, bandwidth, interrupt.Token);
                        return op;
                    });
            }

            var final = operation.Snapshot();
            if (!settings.Json)
            {
                PrintSummary(final);
            }

            return final.Status switch
            {
                MirrorOperationStatus.Completed => ExitCodes.Ok,
                MirrorOperationStatus.Cancelled => ExitCodes.Cancelled,
                _ => ExitCodes.Failed,
            };
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static void WriteLine(TextWriter writer, MirrorOperationEvent e)
    {
        writer.WriteLine(JsonSerializer.Serialize(new MirrorJsonLine(e.Kind, e.Operation.ToResponse()), MirrorCliJsonContext.Default.MirrorJsonLine));
        writer.Flush();
    }

    private async Task<int> PrintPlanAsync(MirrorPlan plan, bool json, CancellationToken cancellationToken)
    {
        var response = plan.ToResponse();
        if (json)
        {
            await JsonOutput.WriteAsync(console, response, ApiJsonContext.Default.MirrorPlanResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Action", "Repo", "Type", "Files", "Bytes");
        foreach (var copy in response.Copies)
        {
            table.AddRow("copy", Markup.Escape(copy.Repo), copy.Type, $"{copy.Files}", ByteSize.Format(copy.Bytes));
        }

        foreach (var deletion in response.Deletions)
        {
            table.AddRow("[red]delete[/]", Markup.Escape(deletion.Repo), deletion.Type, "-", ByteSize.Format(deletion.Bytes));
        }

        foreach (var skipped in response.Skipped)
        {
            table.AddRow("[yellow]skip (busy)[/]", Markup.Escape(skipped), "", "", "");
        }

        console.Write(table);
        console.MarkupLineInterpolated($"Dry run {plan.SourceHub} → {plan.DestinationHub}: {response.TotalFiles} files, {ByteSize.Format(response.TotalBytes)}; nothing was changed.");
        return ExitCodes.Ok;
    }

    private void PrintSummary(MirrorOperationSnapshot final)
    {
        console.MarkupLineInterpolated($"{final.Status.ToString().ToLowerInvariant()}: {final.Copied} files copied ({ByteSize.Format(final.CopiedBytes)}), {final.Deleted} repos deleted");
        foreach (var skipped in final.Skipped)
        {
            console.MarkupLineInterpolated($"[yellow]Skipped (busy):[/] {skipped}");
        }

        foreach (var error in final.Errors)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {error.Repo} {error.Path}: {error.Message}");
        }
    }
}
