using Microsoft.Win32.SafeHandles;

namespace HFDesk.Core.HubServing;

/// <summary>
/// One upstream download of one blob into H, shared by every client asking for it meanwhile. Readers stream the
/// partial through <see cref="Watermark"/> (the written prefix and a handle to the very file it is about) while it
/// grows, and take the last byte only once <see cref="Completion"/> says the file was verified and committed (a
/// failed fill must never look complete).
/// </summary>
internal sealed class HubFill
{
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _available;
    private long _lastCompleted;
    private SafeFileHandle? _partial;

    internal HubFill(string repo, string path, long size, string tempPath)
    {
        Repo = repo;
        Path = path;
        Size = size;
        TempPath = tempPath;
    }

    public string Repo { get; }

    public string Path { get; }

    public long Size { get; }

    /// <summary>The engine's partial file (opened shared for write and delete, so the engine and the final rename go on).</summary>
    public string TempPath { get; }

    /// <summary>Bytes from offset 0, with no hole, that are written to the partial (not yet verified).</summary>
    public long Available => Watermark().Available;

    /// <summary>Completes with the committed file's path once verified; faults when the fill failed.</summary>
    public Task<string> Completion => _done.Task;

    /// <summary>Resolves at the next progress report or at the end, whichever comes first.</summary>
    public Task NextProgress => Volatile.Read(ref _progress).Task;

    /// <summary>
    /// The written prefix and a handle to the file it is about, read together. When the engine discards its partial
    /// and starts over in a new file at <see cref="TempPath"/> (a server that ignored Range), the pair moves to the
    /// new file at once, so a reader never reads the new file's unwritten bytes against the old one's prefix. The
    /// handle is null until the first byte, and may be closed once the fill ended (a reader then opens the committed
    /// file, <see cref="Completion"/>'s result).
    /// </summary>
    public (long Available, SafeFileHandle? Partial) Watermark()
    {
        lock (_lock)
        {
            return (_available, _partial);
        }
    }

    /// <summary>Progress of the engine: <paramref name="contiguous"/> bytes from offset 0 with no hole, of <paramref name="completed"/> written.</summary>
    internal void Advance(long contiguous, long completed)
    {
        lock (_lock)
        {
            if (completed < _lastCompleted || (_partial is null && contiguous > 0))
            {
                // Written bytes only grow within one transfer: this is the first report of a (new) transfer, which
                // created its file before writing; what readers were given before was right. Reported from the
                // engine's thread, after its file exists, so the path names this transfer's file.
                var previous = _partial;
                try
                {
                    _partial = OpenShared(TempPath);
                    _available = contiguous;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Never fail the engine's report: readers wait (for the next transfer's file, or the end).
                    _partial = null;
                    _available = 0;
                }

                previous?.Dispose();
            }
            else
            {
                _available = Math.Max(_available, contiguous);
            }

            _lastCompleted = completed;
        }

        Signal();
    }

    internal void Complete(string finalPath)
    {
        _done.TrySetResult(finalPath);
        Release();
        Signal();
    }

    internal void Fail(Exception error)
    {
        _done.TrySetException(error);
        Release();
        Signal();
    }

    /// <summary>Opens a file for reading while others write, rename or delete it.</summary>
    public static SafeFileHandle OpenShared(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    // Set after the outcome: a reader that still meets the handle sees the outcome when it looks again, and opens the
    // committed file if there is one.
    private void Release()
    {
        lock (_lock)
        {
            _partial?.Dispose();
            _partial = null;
        }
    }

    private void Signal() =>
        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
