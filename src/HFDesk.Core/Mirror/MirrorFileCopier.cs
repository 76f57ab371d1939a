using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using HFDesk.Core.Downloads;
using Microsoft.Win32.SafeHandles;

namespace HFDesk.Core.Mirror;

/// <summary>
/// Copies one file the way every mirror file is written: to a temp name in the destination folder, hashed
/// while it is copied when asked (no second read), closed (and fsynced when asked), then renamed over the final name. A
/// cancel, a crash or a hash mismatch leaves at most a temp file, never a partial under a final name.
/// The next chunk is read on another thread while the current one is hashed and written, so the source
/// disk, the destination disk and the hash each keep working instead of taking turns.
/// </summary>
internal static class MirrorFileCopier
{
    /// <summary>Our own temp files: the reader skips them, a rerun never mistakes one for a blob.</summary>
    public const string TempSuffix = ".hfdesk-mirror-tmp";

    // 1 MiB: large enough that syscalls cost nothing next to the copy, small enough that a cancel or a
    // bandwidth cap reacts within a chunk, and two per file in flight stay a few MiB in all.
    private const int BufferSize = 1 << 20;

    /// <returns>Null when the file arrived, else why it did not (the final name was not touched).</returns>
    public static async Task<string?> CopyAsync(
        MirrorCopy copy, MirrorCopyOptions options, BandwidthLimiter? bandwidth, Action<long> bytesCopied, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(copy.DestinationPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(copy.DestinationPath)}.{Guid.NewGuid().ToString("N")[..8]}{TempSuffix}");
        using var hash = options.Verify && copy.Blob is not null ? CreateHash(copy.Blob, copy.Size) : null;
        try
        {
            using (var input = File.OpenHandle(copy.SourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan))
            using (var output = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, copy.Size))
            {
                var length = RandomAccess.GetLength(input);
                if (length != copy.Size)
                {
                    return $"the source file is {length} bytes, expected {copy.Size} (it changed since the plan)";
                }

                var total = await CopyContentAsync(input, output, hash, bandwidth, bytesCopied, cancellationToken);
                if (total != copy.Size)
                {
                    return $"read {total} bytes, expected {copy.Size}";
                }

                // Closing the handle hands every byte to the OS before the rename, which is all a kill or a cancel
                // needs; fsync also outlives a power cut, at the price of waiting for the disk per file.
                if (options.Fsync)
                {
                    RandomAccess.FlushToDisk(output);
                }
            }

            if (hash is not null)
            {
                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (!string.Equals(actual, copy.Blob, StringComparison.Ordinal))
                {
                    return $"content hash {actual} does not match the blob name {copy.Blob}; nothing was published for it";
                }
            }

            File.Move(temp, copy.DestinationPath, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static async Task<long> CopyContentAsync(
        SafeFileHandle input, SafeFileHandle output, IncrementalHash? hash, BandwidthLimiter? bandwidth, Action<long> bytesCopied, CancellationToken cancellationToken)
    {
        var chunk = bandwidth?.ReadLimit(BufferSize) ?? BufferSize;
        var current = ArrayPool<byte>.Shared.Rent(chunk);
        var next = ArrayPool<byte>.Shared.Rent(chunk);
        ValueTask<int> pending = default;
        var reading = false;
        try
        {
            long offset = 0;
            pending = RandomAccess.ReadAsync(input, current.AsMemory(0, chunk), 0, cancellationToken);
            reading = true;
            while (true)
            {
                var read = await pending;
                reading = false;
                if (read == 0)
                {
                    return offset;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (bandwidth is not null)
                {
                    await bandwidth.WaitAsync(read, cancellationToken);
                }

                // A handle opened without FileOptions.Asynchronous reads on a pool thread: the read-ahead.
                pending = RandomAccess.ReadAsync(input, next.AsMemory(0, chunk), offset + read, cancellationToken);
                reading = true;
                hash?.AppendData(current, 0, read);
                RandomAccess.Write(output, current.AsSpan(0, read), offset);
                offset += read;
                bytesCopied(read);
                (current, next) = (next, current);
            }
        }
        finally
        {
            // Never hand a buffer back to the pool while a read still fills it.
            if (reading)
            {
                try
                {
                    await pending;
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or UnauthorizedAccessException)
                {
                    // The copy already failed or was cancelled; this read's outcome no longer matters.
                }
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    // The blob name says which: 64 hex is an LFS sha256 of the bytes, 40 hex a git blob sha1 ("blob <len>\0" + bytes).
    [SuppressMessage("Security", "CA5350", Justification = "Git names blobs by SHA-1; this is identification, not security.")]
    private static IncrementalHash CreateHash(string blob, long size)
    {
        if (blob.Length == 64)
        {
            return IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }

        var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(Encoding.ASCII.GetBytes($"blob {size}\0"));
        return sha1;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp name is ignored by every reader and harmless; the next push to this repo removes it.
        }
    }
}
