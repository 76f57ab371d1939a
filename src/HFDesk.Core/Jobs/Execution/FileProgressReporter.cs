using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs.Execution;

/// <summary>
/// Turns the engine's per-file <see cref="TransferProgress"/> into observer calls for every path that shares the
/// blob. The first report says how much was resumed, which is when "started" can be told honestly.
/// </summary>
internal sealed class FileProgressReporter(IReadOnlyList<RepoFile> group, IDownloadObserver? observer) : IProgress<TransferProgress>
{
    private readonly Lock _lock = new();
    private bool _started;
    private bool _verifying;
    private string? _activity;

    public void Report(TransferProgress value)
    {
        if (observer is null)
        {
            return;
        }

        lock (_lock)
        {
            EnsureStartedLocked(value.CompletedBytes - value.FetchedBytes);
            if (value.Activity != _activity)
            {
                _activity = value.Activity;
                observer.Activity(group[0].Path, value.Activity);
            }

            foreach (var file in group)
            {
                observer.FileProgress(file.Path, value.CompletedBytes, value.FetchedBytes, file.Size);
            }

            // Every byte is written but the engine has not returned: its hasher is catching up (parts that arrived
            // out of order are re-read from disk). Say so, rather than show a full file as still downloading.
            var allWritten = value.CompletedBytes >= value.TotalBytes;
            if (allWritten && !_verifying)
            {
                foreach (var file in group)
                {
                    observer.FileVerifying(file.Path);
                }
            }

            _verifying = allWritten;
        }
    }

    /// <summary>True once the group was reported verifying (all bytes written), so the runner need not say it again.</summary>
    public bool Verifying
    {
        get
        {
            lock (_lock)
            {
                return _verifying;
            }
        }
    }

    public void EnsureStarted(long bytesResumed)
    {
        lock (_lock)
        {
            EnsureStartedLocked(bytesResumed);
            if (_activity is not null && observer is not null)
            {
                _activity = null;
                observer.Activity(group[0].Path, null);
            }
        }
    }

    private void EnsureStartedLocked(long bytesOnDisk)
    {
        if (_started || observer is null)
        {
            return;
        }

        _started = true;
        foreach (var file in group)
        {
            observer.FileStarted(file.Path, Math.Max(0, bytesOnDisk), file.Size);
        }
    }
}
