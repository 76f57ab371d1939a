using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Cli.Rendering;

/// <summary>
/// Counts what a run really did while passing every event on to <paramref name="inner"/>. The runner's own
/// result only exists when the run ends normally; after Ctrl-C this is what the summary reports, so a script
/// reading it sees the bytes fetched, resumed and skipped up to the pause, not zeros. The engine reports a
/// transfer's final written bytes when it pauses, so the last progress of each file is what is on disk, and
/// "fetched" counts what this run added there: exactly what the next run resumes from, where the network
/// count would also hold bytes that arrived but were never written.
/// </summary>
internal sealed class DownloadTally(IDownloadObserver inner) : IDownloadObserver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _resumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _onDisk = new(StringComparer.Ordinal);
    private int _skippedFiles;
    private long _skippedBytes;
    private int _completedFiles;

    public long BytesFetched
    {
        get
        {
            lock (_lock)
            {
                return _onDisk.Sum(file => Math.Max(0, file.Value - _resumed.GetValueOrDefault(file.Key)));
            }
        }
    }

    public long BytesResumed
    {
        get
        {
            lock (_lock)
            {
                return _resumed.Values.Sum();
            }
        }
    }

    public long BytesSkipped
    {
        get
        {
            lock (_lock)
            {
                return _skippedBytes;
            }
        }
    }

    public int FilesSkipped
    {
        get
        {
            lock (_lock)
            {
                return _skippedFiles;
            }
        }
    }

    public int FilesCompleted
    {
        get
        {
            lock (_lock)
            {
                return _completedFiles;
            }
        }
    }

    public void Planned(int files, long totalBytes, string commit, string outputDir) => inner.Planned(files, totalBytes, commit, outputDir);

    public void PhaseChanged(DownloadPhase phase) => inner.PhaseChanged(phase);

    public void FileStarted(string path, long bytesOnDisk, long totalBytes)
    {
        lock (_lock)
        {
            _resumed[path] = bytesOnDisk;
            _onDisk[path] = bytesOnDisk;
        }

        inner.FileStarted(path, bytesOnDisk, totalBytes);
    }

    public void FileProgress(string path, long bytesOnDisk, long fetchedBytes, long totalBytes)
    {
        lock (_lock)
        {
            _onDisk[path] = bytesOnDisk;
        }

        inner.FileProgress(path, bytesOnDisk, fetchedBytes, totalBytes);
    }

    public void FileVerifying(string path) => inner.FileVerifying(path);

    public void FileCompleted(string path, long totalBytes)
    {
        lock (_lock)
        {
            _completedFiles++;
            _onDisk[path] = totalBytes;
        }

        inner.FileCompleted(path, totalBytes);
    }

    public void FileSkipped(string path, long totalBytes)
    {
        lock (_lock)
        {
            _skippedFiles++;
            _skippedBytes += totalBytes;
        }

        inner.FileSkipped(path, totalBytes);
    }

    public void FileFailed(string path, string message) => inner.FileFailed(path, message);

    public void Activity(string path, string? message) => inner.Activity(path, message);
}
