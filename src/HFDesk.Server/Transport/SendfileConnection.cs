using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HFDesk.Server.Transport;

/// <summary>
/// One HTTP/1.1 connection whose outgoing bytes HFDesk sends itself, so that a response body can go from a file to
/// the socket by sendfile(2) (no copy through the process) while Kestrel keeps parsing requests, writing headers,
/// counting Content-Length and keeping the connection alive.
/// </summary>
/// <remarks>
/// Kestrel writes into <see cref="Output"/>; a pump sends those bytes to the socket in order. To send a file body a
/// request <em>parks</em> the pump at the current end of the stream (just after its flushed headers), sends the
/// file on the socket itself, then writes the same number of placeholder bytes through Kestrel (so Kestrel's count
/// matches its Content-Length) which the pump skips instead of sending. Kestrel's own bytes never overtake or
/// interleave with the file: the pump is parked exactly at the file's place in the stream.
/// </remarks>
internal sealed class SendfileConnection : IAsyncDisposable
{
    private const uint HeadersEnd = 0x0D0A0D0A;

    private readonly Socket _socket;
    private readonly Pipe _pipe;
    private readonly CountingPipeWriter _writer;
    private readonly List<ArraySegment<byte>> _gather = [];
    private Task _pump = Task.CompletedTask;
    private Parking? _parking;
    private volatile bool _closed;
    private uint _tail;

    public SendfileConnection(Socket socket)
    {
        _socket = socket;
        // The same back-pressure Kestrel's own socket output has: a slow client slows Kestrel's writes down.
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        _writer = new CountingPipeWriter(_pipe.Writer);
    }

    /// <summary>What Kestrel writes to instead of the socket transport's output.</summary>
    public PipeWriter Output => _writer;

    public void Start() => _pump = PumpAsync();

    /// <summary>
    /// Sends <paramref name="count"/> bytes of <paramref name="file"/> as the body of the response being written
    /// through <paramref name="body"/> (whose headers, with Content-Length, are started and nothing else written).
    /// </summary>
    /// <returns>
    /// The bytes sent, which Kestrel has also counted; null when nothing was sent and the caller writes the bytes
    /// itself (the connection is closing, or the stream was not where a body starts).
    /// </returns>
    /// <exception cref="IOException">The socket failed mid-way or the client stopped reading: the connection must be aborted.</exception>
    public async Task<long?> SendFileAsync(PipeWriter body, SafeFileHandle file, long offset, long count, CancellationToken cancellationToken)
    {
        var flushed = await body.FlushAsync(cancellationToken);
        if (_closed || flushed.IsCompleted || flushed.IsCanceled)
        {
            return null;
        }

        var parking = new Parking(_writer.Written);
        long sent = 0;
        try
        {
            // Full fences on both sides: either the pump sees this parking, or this sees the pump closed.
            Interlocked.Exchange(ref _parking, parking);
            if (_closed)
            {
                return null;
            }

            _pipe.Reader.CancelPendingRead();
            if (!await parking.Parked.Task.WaitAsync(cancellationToken))
            {
                return null;
            }

            sent = await SocketFileSender.SendAsync(_socket, file, offset, count, cancellationToken);
        }
        catch (ObjectDisposedException) when (sent == 0)
        {
            // The connection closed before the first byte left: nothing was sent, the caller's own write fails too.
            return null;
        }
        finally
        {
            // Also on failure and cancellation: a pump that parks later must not wait for ever.
            parking.Resumed.TrySetResult(sent);
        }

        // Not cancellable: the client has the bytes, and a client that closes as soon as it has them (curl does) must
        // not turn a delivered answer into a cancelled one. A closed pump completes these writes at once.
        await WritePlaceholdersAsync(body, sent, CancellationToken.None);
        return sent;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.CompleteAsync();
        await _pump;
    }

    // Kestrel counts these against Content-Length; the pump skips them, so their (unset) contents never leave.
    private static async Task WritePlaceholdersAsync(PipeWriter body, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var memory = body.GetMemory((int)Math.Min(count, 1 << 20));
            var n = (int)Math.Min(memory.Length, count);
            body.Advance(n);
            count -= n;
            var result = await body.FlushAsync(cancellationToken);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private async Task PumpAsync()
    {
        var reader = _pipe.Reader;
        long position = 0;
        long skip = 0;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (true)
                {
                    if (skip > 0 && !buffer.IsEmpty)
                    {
                        var skipped = Math.Min(skip, buffer.Length);
                        buffer = buffer.Slice(skipped);
                        skip -= skipped;
                        position += skipped;
                        continue;
                    }

                    var parking = Volatile.Read(ref _parking);
                    if (parking is not null && skip == 0 && parking.Position <= position)
                    {
                        Volatile.Write(ref _parking, null);
                        // Exactly at the end of what Kestrel flushed, right after a header block: anything else means
                        // the count is off, and the caller writes the bytes itself.
                        var exact = parking.Position == position && buffer.IsEmpty && _tail == HeadersEnd;
                        parking.Parked.TrySetResult(exact);
                        if (exact)
                        {
                            skip = await parking.Resumed.Task;
                        }

                        continue;
                    }

                    if (buffer.IsEmpty)
                    {
                        break;
                    }

                    var sendable = parking is null ? buffer.Length : Math.Min(buffer.Length, parking.Position - position);
                    var chunk = buffer.Slice(0, sendable);
                    await SendAsync(chunk);
                    buffer = buffer.Slice(sendable);
                    position += sendable;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The client is gone or Kestrel aborted the connection: nothing more can be sent.
            failure = ex;
        }
        finally
        {
            _closed = true;
            Interlocked.Exchange(ref _parking, null)?.Parked.TrySetResult(false);
            await reader.CompleteAsync(failure);
        }
    }

    private async ValueTask SendAsync(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes.Slice(Math.Max(0, bytes.Length - 4)))
        {
            foreach (var b in segment.Span)
            {
                _tail = (_tail << 8) | b;
            }
        }

        while (!bytes.IsEmpty)
        {
            if (bytes.IsSingleSegment)
            {
                await SendAllAsync(bytes.First);
                return;
            }

            // Kestrel's blocks are 4 KiB: one gathered send per read instead of a system call per block.
            _gather.Clear();
            foreach (var segment in bytes)
            {
                if (!MemoryMarshal.TryGetArray(segment, out var array))
                {
                    break;
                }

                _gather.Add(array);
            }

            if (_gather.Count == 0)
            {
                await SendAllAsync(bytes.First);
                bytes = bytes.Slice(bytes.First.Length);
                continue;
            }

            var sent = await _socket.SendAsync(_gather, SocketFlags.None);
            bytes = bytes.Slice(sent);
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    private sealed class Parking(long position)
    {
        public long Position { get; } = position;

        public TaskCompletionSource<bool> Parked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<long> Resumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
