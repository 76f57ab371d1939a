using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace HFDesk.Core.Downloads;

/// <summary>
/// SHA-256 (and optionally the git blob sha1) of a file whose bytes arrive out of order. Bytes written exactly at the
/// hashed frontier are hashed inline from the network buffer, so a single stream, and the first part of a multipart
/// transfer, cost no second read. Bytes that land beyond the frontier (later parts, or bytes resumed from an earlier
/// run) cannot be hashed until everything before them is; a catch-up task reads them back from the temp file, which
/// normally still sits in the page cache. <see cref="BytesRehashed"/> counts that re-read, and the benchmark reports it.
/// </summary>
internal sealed class OrderedHasher : IDisposable
{
    private const int CatchUpBufferSize = 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly SafeFileHandle _file;
    private readonly long _size;
    private readonly Func<long, long> _contiguousWrittenEnd;
    private readonly IncrementalHash? _sha256;
    private readonly IncrementalHash? _gitSha1;
    private readonly CancellationTokenSource _stop = new();
    private long _hashed;
    private bool _catchingUp;
    private Task _catchUp = Task.CompletedTask;
    private long _rehashed;

    public OrderedHasher(SafeFileHandle file, long size, bool sha256, bool gitSha1, Func<long, long> contiguousWrittenEnd)
    {
        _file = file;
        _size = size;
        _contiguousWrittenEnd = contiguousWrittenEnd;
        _sha256 = sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        if (gitSha1)
        {
            // Git names a blob by sha1("blob <size>\0" + content); the Hub's ETag for regular files is that name.
#pragma warning disable CA5350 // SHA-1 is what git uses for blob ids; we compare against it, we do not rely on it for security.
            _gitSha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
            _gitSha1.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {size}\0")));
        }
    }

    public bool Enabled => _sha256 is not null || _gitSha1 is not null;

    public long BytesRehashed => Interlocked.Read(ref _rehashed);

    /// <summary>Called after <paramref name="data"/> was written at <paramref name="offset"/>; hashes it if it is next in line.</summary>
    public void OnWritten(long offset, ReadOnlySpan<byte> data)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (!_catchingUp && offset == _hashed)
            {
                Append(data);
                _hashed += data.Length;
            }
        }
    }

    /// <summary>Called after the written-range record changed: starts a catch-up when written bytes wait at the frontier.</summary>
    public void Poke()
    {
        if (!Enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (_catchingUp || _stop.IsCancellationRequested || _hashed >= _size || _contiguousWrittenEnd(_hashed) <= _hashed)
            {
                return;
            }

            _catchingUp = true;
            _catchUp = Task.Run(CatchUpAsync);
        }
    }

    /// <summary>Finishes hashing once every byte is written; returns lower-case hex digests (null for the ones not requested).</summary>
    public async Task<(string? Sha256, string? GitSha1)> CompleteAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return (null, null);
        }

        while (true)
        {
            Poke();
            Task running;
            lock (_lock)
            {
                if (_hashed >= _size && !_catchingUp)
                {
                    break;
                }

                running = _catchUp;
            }

            await running.WaitAsync(cancellationToken);
            lock (_lock)
            {
                if (!_catchingUp && _hashed < _size && _contiguousWrittenEnd(_hashed) <= _hashed)
                {
                    throw new InvalidOperationException($"Hashing stopped at {_hashed} of {_size} bytes: the written ranges have a hole");
                }
            }
        }

        return (Hex(_sha256), Hex(_gitSha1));
    }

    /// <summary>Stops any catch-up read before the file handle is closed.</summary>
    public async Task StopAsync()
    {
        Task running;
        lock (_lock)
        {
            _stop.Cancel();
            running = _catchUp;
        }

        try
        {
            await running;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The transfer is ending anyway; the digest of a transfer that did not finish is never used.
        }
    }

    public void Dispose()
    {
        _sha256?.Dispose();
        _gitSha1?.Dispose();
        _stop.Dispose();
    }

    private async Task CatchUpAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CatchUpBufferSize);
        try
        {
            while (true)
            {
                long from, to;
                lock (_lock)
                {
                    from = _hashed;
                    to = _contiguousWrittenEnd(from);
                    if (to <= from || _stop.IsCancellationRequested)
                    {
                        _catchingUp = false;
                        return;
                    }
                }

                var count = (int)Math.Min(to - from, buffer.Length);
                var read = await ReadExactlyAsync(buffer.AsMemory(0, count), from);

                // Only this task touches the hashes while _catchingUp is set; OnWritten stays off them meanwhile.
                Append(buffer.AsSpan(0, read));
                Interlocked.Add(ref _rehashed, read);
                lock (_lock)
                {
                    _hashed = from + read;
                }
            }
        }
        catch
        {
            lock (_lock)
            {
                _catchingUp = false;
            }

            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<int> ReadExactlyAsync(Memory<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(_file, buffer[total..], offset + total, _stop.Token);
            if (read == 0)
            {
                throw new DiskWriteException($"The temp file ended at {offset + total} while hashing", new EndOfStreamException());
            }

            total += read;
        }

        return total;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        _sha256?.AppendData(data);
        _gitSha1?.AppendData(data);
    }

    private static string? Hex(IncrementalHash? hash) =>
        hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());
}
