using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace HFDesk.Core.Mirror;

/// <summary>
/// Copies one file the way every mirror file is written: to a temp name in the destination folder, hashed
/// while it is copied when asked (no second read), flushed to disk, then renamed over the final name. A
/// cancel, a crash or a hash mismatch leaves at most a temp file, never a partial under a final name.
/// </summary>
internal static class MirrorFileCopier
{
    /// <summary>Our own temp files: the reader skips them, a rerun never mistakes one for a blob.</summary>
    public const string TempSuffix = ".hfdesk-mirror-tmp";

    private const int BufferSize = 4 << 20;

    /// <returns>Null when the file arrived, else why it did not (the final name was not touched).</returns>
    public static async Task<string?> CopyAsync(MirrorCopy copy, bool verify, Action<long> bytesCopied, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(copy.DestinationPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(copy.DestinationPath)}.{Guid.NewGuid().ToString("N")[..8]}{TempSuffix}");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var hash = verify && copy.Blob is not null ? CreateHash(copy.Blob, copy.Size) : null;
        try
        {
            long total = 0;
            await using (var input = new FileStream(copy.SourcePath, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = FileOptions.Asynchronous | FileOptions.SequentialScan }))
            await using (var output = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0, Options = FileOptions.Asynchronous, PreallocationSize = copy.Size }))
            {
                if (input.Length != copy.Size)
                {
                    return $"the source file is {input.Length} bytes, expected {copy.Size} (it changed since the plan)";
                }

                int read;
                while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    hash?.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    total += read;
                    bytesCopied(read);
                }

                if (total != copy.Size)
                {
                    return $"read {total} bytes, expected {copy.Size}";
                }

                // Durable before the rename publishes it: after a power cut a final name never holds zeros.
                output.Flush(flushToDisk: true);
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
            ArrayPool<byte>.Shared.Return(buffer);
            TryDelete(temp);
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
            // A leftover temp name is ignored by every reader and harmless.
        }
    }
}
