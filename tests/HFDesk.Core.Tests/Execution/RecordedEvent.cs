using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Core.Tests.Execution;

internal enum RecordedKind
{
    Planned,
    PhaseChanged,
    FileStarted,
    FileProgress,
    FileVerifying,
    FileCompleted,
    FileSkipped,
    FileFailed,
    Activity,
}

/// <summary>One observer call as the tests record it, in order.</summary>
internal sealed record RecordedEvent(RecordedKind Kind, string? Path = null, long? Bytes = null, DownloadPhase? Phase = null, string? Message = null);

/// <summary>Records every call on the calling thread, in order (a list, or a callback such as the harness's queue).</summary>
internal sealed class RecordingObserver(Action<RecordedEvent>? onEvent = null) : IDownloadObserver
{
    public List<RecordedEvent> Items { get; } = [];

    public void Planned(int files, long totalBytes, string commit, string outputDir) => Add(new(RecordedKind.Planned, outputDir, totalBytes));

    public void PhaseChanged(DownloadPhase phase) => Add(new(RecordedKind.PhaseChanged, Phase: phase));

    public void FileStarted(string path, long bytesOnDisk, long totalBytes) => Add(new(RecordedKind.FileStarted, path, bytesOnDisk));

    public void FileProgress(string path, long bytesOnDisk, long fetchedBytes, long totalBytes) => Add(new(RecordedKind.FileProgress, path, bytesOnDisk));

    public void FileVerifying(string path) => Add(new(RecordedKind.FileVerifying, path));

    public void FileCompleted(string path, long totalBytes) => Add(new(RecordedKind.FileCompleted, path, totalBytes));

    public void FileSkipped(string path, long totalBytes) => Add(new(RecordedKind.FileSkipped, path, totalBytes));

    public void FileFailed(string path, string message) => Add(new(RecordedKind.FileFailed, path, Message: message));

    public void Activity(string path, string? message) => Add(new(RecordedKind.Activity, path, Message: message));

    private void Add(RecordedEvent e)
    {
        if (onEvent is null)
        {
            lock (Items)
            {
                Items.Add(e);
            }
        }
        else
        {
            onEvent(e);
        }
    }
}
