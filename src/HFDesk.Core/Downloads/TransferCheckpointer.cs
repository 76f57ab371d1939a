using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace HFDesk.Core.Downloads;

/// <summary>
/// Keeps the resume journal of one transfer close behind the bytes on disk: rewritten after every
/// <see cref="TransferOptions.JournalBytes"/> written bytes or <see cref="TransferOptions.JournalInterval"/>, whichever
/// comes first, so a kill -9 at any moment re-fetches at most about that many bytes (plus the buffers in flight).
/// Saves run off the connections' path; a failed save is kept and thrown on the next write, never lost in a task.
/// </summary>
internal sealed class TransferCheckpointer(
    TransferRequest request,
    SafeFileHandle file,
    Func<ByteRange[]> writtenSnapshot,
    TransferOptions options,
    TimeProvider timeProvider)
{
    private long _lastSavedAt = timeProvider.GetTimestamp();
    private long _unsavedBytes;
    private int _saving;
    private Task _save = Task.CompletedTask;
    private Exception? _failure;

    /// <summary>Called after each write, on the connection's thread: cheap unless a save is due, and then it only starts one.</summary>
    public void OnWritten(int count)
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        var unsaved = Interlocked.Add(ref _unsavedBytes, count);
        if ((unsaved < options.JournalBytes && timeProvider.GetElapsedTime(Interlocked.Read(ref _lastSavedAt)) < options.JournalInterval)
            || Interlocked.Exchange(ref _saving, 1) == 1)
        {
            return;
        }

        // Everything written up to here is in the snapshot the save takes; bytes arriving meanwhile count for the next.
        Interlocked.Exchange(ref _unsavedBytes, 0);
        Volatile.Write(ref _save, Task.Run(() =>
        {
            try
            {
                Save(flushData: false);
                Interlocked.Exchange(ref _lastSavedAt, timeProvider.GetTimestamp());
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _failure, ex);
            }
            finally
            {
                Volatile.Write(ref _saving, 0);
            }
        }));
    }

    /// <summary>Waits for a save still writing; never throws (a failure was recorded for the connections).</summary>
    public Task SettleAsync() => Volatile.Read(ref _save);

    /// <summary>
    /// Writes the journal of what is on disk. Periodic saves leave the data to the page cache, which survives kill -9
    /// and clean shutdowns (an fsync per checkpoint measured 3× slower on a VM disk); a pause also flushes the data
    /// first (<paramref name="flushData"/>), so a paused download survives a power loss too.
    /// </summary>
    public void Save(bool flushData)
    {
        // Snapshot before the flush: every range recorded was written before it, so the flush covers it.
        var written = writtenSnapshot();
        try
        {
            if (flushData)
            {
                RandomAccess.FlushToDisk(file);
            }

            TransferJournal.For(request, written, timeProvider.GetUtcNow()).Save(request.JournalPath, durable: flushData);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DiskWriteException($"Saving the resume journal '{request.JournalPath}' failed: {ex.Message}", ex);
        }
    }
}
