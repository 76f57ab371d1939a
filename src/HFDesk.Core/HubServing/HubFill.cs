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

    /// <summary>Bytes from offset 0, with no hole, that are written to <see cref="TempPath"/> (not yet verified).</summary>
    public long Available => Interlocked.Read(ref _available);

    /// <summary>Completes with the committed file's path once verified; faults when the fill failed.</summary>
    public Task<string> Completion => _done.Task;

    /// <summary>Resolves at the next progress report or at the end, whichever comes first.</summary>
    public Task NextProgress => Volatile.Read(ref _progress).Task;

    /// <param name="contiguous">Bytes from offset 0 with no hole (several connections fill the rest out of order).</param>
    internal void Advance(long contiguous)
    {
        // Only forward: a restart from zero (a server that ignored Range) must not take back what readers were given,
        // and those bytes are rewritten identical or the fill fails its hash.
        long current;
        do
        {
            current = Interlocked.Read(ref _available);
            if (contiguous <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _available, contiguous, current) != current);

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
