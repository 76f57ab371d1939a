namespace HFDesk.Core.Jobs.Execution;

/// <summary>
/// What a repo download reports, one method per kind of event, called synchronously, in order per file, from any
/// transfer thread. The job tracker and the CLI's progress bars and JSON lines implement it directly, so an event
/// goes from the engine to its consumer in one call, with no bag of optional fields to re-check.
/// </summary>
internal interface IDownloadObserver
{
    /// <summary>The plan is known: <paramref name="files"/> and <paramref name="totalBytes"/> cover every selected file.</summary>
    void Planned(int files, long totalBytes, string commit, string outputDir);

    void PhaseChanged(DownloadPhase phase);

    /// <summary>A file's transfer began; <paramref name="bytesOnDisk"/> were already there from an earlier run.</summary>
    void FileStarted(string path, long bytesOnDisk, long totalBytes);

    /// <summary>Cumulative bytes on disk (resumed ones included); <paramref name="fetchedBytes"/> came from the network in this run.</summary>
    void FileProgress(string path, long bytesOnDisk, long fetchedBytes, long totalBytes);

    void FileVerifying(string path);

    void FileCompleted(string path, long totalBytes);

    /// <summary>Already complete at the destination; nothing fetched.</summary>
    void FileSkipped(string path, long totalBytes);

    void FileFailed(string path, string message);

    /// <summary>What is happening when bytes are not flowing (retrying, waiting); null clears it.</summary>
    void Activity(string path, string? message);
}
