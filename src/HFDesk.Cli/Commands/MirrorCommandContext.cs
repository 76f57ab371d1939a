using HFDesk.Cli.Rendering;
using HFDesk.Core.Jobs;
using HFDesk.Core.Mirror;
using HFDesk.Core.Settings;
using Spectre.Console;

namespace HFDesk.Cli.Commands;

/// <summary>The mirror engine as the CLI builds it: same settings, targets file and job activity as a server on this data dir.</summary>
internal static class MirrorCommandContext
{
    public static async Task<MirrorEngine?> TryOpenAsync(MirrorSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (CacheCommandContext.TryOpenSettings(settings, console) is not { } store)
        {
            return null;
        }

        var targets = MirrorTargetStore.Open(store.DataDir, HfEnvironment.FromProcess());
        if (targets.LoadWarning is { } warning)
        {
            CliWarning.Write(console, settings, warning);
        }

        // The CLI runs no jobs, but a server on the same data dir may: its queued, running or paused repos are busy.
        var activity = await StoredJobActivity.LoadAsync(store.DataDir, cancellationToken);
        return new MirrorEngine(() => store.Roots, targets, activity, TimeProvider.System);
    }

    public static int ExitCodeOf(MirrorOutcome outcome) => outcome switch
    {
        MirrorOutcome.Ok => ExitCodes.Ok,
        MirrorOutcome.Invalid => ExitCodes.Usage,
        _ => ExitCodes.Failed,
    };
}
