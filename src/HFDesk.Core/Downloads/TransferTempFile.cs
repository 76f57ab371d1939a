using Microsoft.Win32.SafeHandles;

namespace HFDesk.Core.Downloads;

/// <summary>
/// The temp file a transfer writes in place: checked for room and preallocated to the full size when opened, so
/// parts land at their offsets (no assembly copy) and a full disk fails now, not at 97%. Writes are serialized.
/// </summary>
internal sealed class TransferTempFile : IDisposable
{
    private readonly Lock _writeLock = new();
    private readonly string _path;

    private TransferTempFile(string path, SafeFileHandle handle)
    {
        _path = path;
        Handle = handle;
    }

    /// <summary>For the hasher's and the checkpointer's reads and flushes; writes go through <see cref="Write"/>.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>Opens <paramref name="path"/> at <paramref name="size"/>, keeping its bytes when it already has that size (a resume).</summary>
    public static TransferTempFile Open(string path, long size)
    {
        var existingLength = File.Exists(path) ? new FileInfo(path).Length : 0;
        DiskSpaceGuard.EnsureRoom(path, size - existingLength);
        try
        {
            var resuming = existingLength == size && File.Exists(path);
            var handle = File.OpenHandle(
                path,
                resuming ? FileMode.Open : FileMode.Create,
                FileAccess.ReadWrite,
                FileShare.Read,
                FileOptions.None,
                resuming ? 0 : size);
            if (RandomAccess.GetLength(handle) != size)
            {
                RandomAccess.SetLength(handle, size);
            }

            return new TransferTempFile(path, handle);
        }
        catch (IOException ex) when (ex is not InsufficientDiskSpaceException)
        {
            throw new DiskWriteException($"Cannot create the temp file '{path}': {ex.Message}", ex);
        }
    }

    public void Write(ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            // One writer at a time: concurrent pwrite()s to one file serialize on the kernel's inode lock anyway,
            // and waiting there spins; waiting here sleeps.
            lock (_writeLock)
            {
                RandomAccess.Write(Handle, data, offset);
            }
        }
        catch (IOException ex)
        {
            throw new DiskWriteException($"Writing '{_path}' failed: {ex.Message}", ex);
        }
    }

    public void Flush() => RandomAccess.FlushToDisk(Handle);

    public void Dispose() => Handle.Dispose();
}
