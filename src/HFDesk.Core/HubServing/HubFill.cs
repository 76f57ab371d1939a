namespace HFDesk.Core.HubServing;

/// <summary>
/// One upstream download of one blob into H, shared by every client asking for it meanwhile. Readers stream from
/// <see cref="TempPath"/> up to <see cref="Available"/> while it grows, and take the last byte only once
/// <see cref="Completion"/> says the file was verified and committed (a failed fill must never look complete).
/// </summary>
internal sealed class HubFill
{
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _available;
    private int _streamable = 1;

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

    /// <summary>The engine's partial file; readers open it shared (read, write, delete) so the final rename keeps their handle valid.</summary>
    public string TempPath { get; }

    /// <summary>Bytes from offset 0 that are on disk in <see cref="TempPath"/>. Zero while not streamable.</summary>
    public long Available => Volatile.Read(ref _streamable) == 1 ? Interlocked.Read(ref _available) : 0;

    /// <summary>Completes with the committed file's path once verified; faults when the fill failed.</summary>
    public Task<string> Completion => _done.Task;

    /// <summary>Resolves at the next progress report or at the end, whichever comes first.</summary>
    public Task NextProgress => Volatile.Read(ref _progress).Task;

    internal void Advance(long completed, bool resumed)
    {
        if (resumed)
        {
            // Bytes resumed from an earlier multi-connection run need not be a prefix: serve them only when verified.
            Volatile.Write(ref _streamable, 0);
        }

        Interlocked.Exchange(ref _available, completed);
        Signal();
    }

    internal void Complete(string finalPath)
    {
        _done.TrySetResult(finalPath);
        Signal();
    }

    internal void Fail(Exception error)
    {
        _done.TrySetException(error);
        Signal();
    }

    private void Signal() =>
        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
