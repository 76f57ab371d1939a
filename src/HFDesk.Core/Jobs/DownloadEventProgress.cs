using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Core.Jobs;

/// <summary>Folds the runner's <see cref="DownloadEvent"/>s into a job's <see cref="JobProgressTracker"/>.</summary>
internal sealed class DownloadEventProgress(JobProgressTracker tracker) : IProgress<DownloadEvent>
{
    public void Report(DownloadEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case DownloadEventKind.Phase when value.Phase is { } phase:
                tracker.SetPhase(ToJobPhase(phase));
                break;
            case DownloadEventKind.Planned when value.Commit is { } commit:
                tracker.SetCommit(commit);
                break;
            case DownloadEventKind.FileStarted when value.Path is { } path:
                tracker.FileStarted(path, value.Bytes ?? 0);
                break;
            case DownloadEventKind.FileProgress when value.Path is { } path && value.Bytes is { } bytes:
                tracker.FileProgress(path, bytes);
                break;
            case DownloadEventKind.FileVerifying when value.Path is { } path:
                tracker.FileVerifying(path);
                break;
            case DownloadEventKind.FileCompleted when value.Path is { } path:
                tracker.FileCompleted(path);
                break;
            case DownloadEventKind.FileSkipped when value.Path is { } path:
                tracker.FileSkipped(path);
                break;
            case DownloadEventKind.FileFailed when value.Path is { } path:
                tracker.FileFailed(path, value.Message ?? "failed");
                break;
            case DownloadEventKind.Activity:
                tracker.SetActivity(value.Message);
                break;
            default:
                break;
        }
    }

    private static JobPhase ToJobPhase(DownloadPhase phase) => phase switch
    {
        DownloadPhase.Planning => JobPhase.Planning,
        DownloadPhase.Downloading => JobPhase.Downloading,
        DownloadPhase.Verifying => JobPhase.Verifying,
        _ => JobPhase.Finalizing,
    };
}
