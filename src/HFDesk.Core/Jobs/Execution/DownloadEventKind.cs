namespace HFDesk.Core.Jobs.Execution;

public enum DownloadEventKind
{
    /// <summary>The run entered <see cref="DownloadEvent.Phase"/>.</summary>
    Phase,

    /// <summary>The plan is known: <see cref="DownloadEvent.TotalBytes"/> and <see cref="DownloadEvent.Files"/> cover every selected file.</summary>
    Planned,

    /// <summary>A file's transfer began; <see cref="DownloadEvent.Bytes"/> were already on disk from an earlier run.</summary>
    FileStarted,

    /// <summary>Cumulative bytes of a file on disk (<see cref="DownloadEvent.Bytes"/>), resumed ones included.</summary>
    FileProgress,

    FileVerifying,

    FileCompleted,

    /// <summary>Already complete at the destination; nothing fetched.</summary>
    FileSkipped,

    FileFailed,

    /// <summary>What is happening when bytes are not flowing (<see cref="DownloadEvent.Message"/>; null clears it).</summary>
    Activity,
}
