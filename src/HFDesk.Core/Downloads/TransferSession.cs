using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;

namespace HFDesk.Core.Downloads;

/// <summary>
/// One run of one transfer: coordinates its connections over the part scheduler (first answer before the others,
/// retries, stealing, the 403 retreat to one stream) and settles the outcome. The parts it drives are their own
/// types: <see cref="TransferTempFile"/> (preallocation, writes), <see cref="TransferRequestSender"/> (Range,
/// redirects, token policy), <see cref="TransferResponseValidator"/> (status, Content-Range, digests),
/// <see cref="OrderedHasher"/>, <see cref="TransferCheckpointer"/> (journal) and <see cref="TransferProgressSampler"/>.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A session lives for one RunAsync call, whose finally disposes the hasher and the file.")]
internal sealed class TransferSession(
    HttpClient httpClient,
    BandwidthLimiter bandwidthLimiter,
    TimeProvider timeProvider,
    TransferRequest request,
    TransferOptions options,
    IProgress<TransferProgress>? progress,
    bool plainStream)
{
    private readonly long _size = request.ExpectedSize;
    private readonly TransferRequestSender _sender = new(httpClient, request, plainStream);
    private readonly TransferResponseValidator _validator = new(request, plainStream, timeProvider);
    private readonly TransferProgressSampler _sampler = new(progress, timeProvider, options.ProgressInterval, request.ExpectedSize);

    // Extra connections wait for one good answer: a 401/404 or an ignored Range is then seen once, not N times at once.
    private readonly TaskCompletionSource _firstGoodResponse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PartScheduler _scheduler = null!;
    private OrderedHasher _hasher = null!;
    private TransferTempFile _file = null!;
    private Exception? _primaryFailure;
    private int _servedOnce;
    private TransferCheckpointer? _checkpointer;

    public async Task<TransferResult> RunAsync(ByteRangeSet resumed, CancellationToken cancellationToken)
    {
        var resumedBytes = resumed.TotalBytes;
        _file = TransferTempFile.Open(request.TempPath, _size);
        var outcome = Outcome.Paused;
        try
        {
            var missing = _size - resumedBytes;
            var connections = plainStream || _size < options.MultipartThreshold
                ? 1
                : (int)Math.Clamp((missing + options.MinPartSize - 1) / options.MinPartSize, 1, options.Connections);
            _scheduler = new PartScheduler(_size, resumed, connections, options.MinPartSize);
            var wantSha256 = request.ExpectedSha256 is not null || options.Verify == VerifyMode.Sha256;

            // Resumed bytes are only as good as the journal that vouches for them. Checkpoints do not fsync the data
            // (that halved throughput), so after a power loss a journal can outlive the bytes it lists: a resumed file
            // is therefore always checked against the strongest hash known, whatever the verify mode.
            var wantGitSha1 = request.ExpectedSha256 is null
                && (options.Verify >= VerifyMode.Etag || resumedBytes > 0)
                && _validator.EtagIsGitSha1;
            _hasher = new OrderedHasher(_file.Handle, _size, wantSha256, wantGitSha1, _scheduler.ContiguousWrittenEnd);
            _sampler.Attach(_scheduler, connections);
            _checkpointer = new TransferCheckpointer(request, _file.Handle, _scheduler.WrittenSnapshot, options, timeProvider);

            var result = await TransferAndVerifyAsync(connections, resumedBytes, cancellationToken);
            outcome = Outcome.Completed;
            return result;
        }
        catch (Exception ex) when (ex is IntegrityException or RangeNotHonouredException)
        {
            outcome = Outcome.Discard;
            throw;
        }
        finally
        {
            await CloseAsync(outcome);
        }
    }

    private async Task<TransferResult> TransferAndVerifyAsync(int connections, long resumedBytes, CancellationToken cancellationToken)
    {
        using (var sessionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var workers = new Task[connections];
            for (var i = 0; i < connections; i++)
            {
                _scheduler.RegisterWorker();
                var connection = i;
                workers[i] = Task.Run(() => RunConnectionAsync(connection, sessionCts), CancellationToken.None);
            }

            await Task.WhenAll(workers);
        }

        if (_primaryFailure is not null)
        {
            ExceptionDispatchInfo.Throw(_primaryFailure);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_scheduler.ContiguousWrittenEnd(0) < _size)
        {
            throw new InvalidOperationException($"Transfer ended with {_scheduler.WrittenBytes} of {_size} bytes written");
        }

        if (_hasher.Enabled)
        {
            _sampler.SetActivity(0, "verifying");
        }

        var (sha256, gitSha1) = await _hasher.CompleteAsync(cancellationToken);
        _validator.Verify(sha256, gitSha1);
        if (options.FlushOnComplete)
        {
            _file.Flush();
        }

        _sampler.SetActivity(0, null);
        return new TransferResult(sha256, _sampler.FetchedBytes, resumedBytes, _hasher.BytesRehashed);
    }

    private async Task RunConnectionAsync(int connection, CancellationTokenSource sessionCts)
    {
        var token = sessionCts.Token;
        try
        {
            if (connection > 0)
            {
                await _firstGoodResponse.Task.WaitAsync(token);
            }

            while (_scheduler.TryTake(out var part))
            {
                if (!await FetchPartAsync(part, connection, token))
                {
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            // The first real failure ends the transfer; the others' cancellations are its echo, not news.
            if (!token.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref _primaryFailure, ex, null);
            }

            await sessionCts.CancelAsync();
        }
        finally
        {
            if (connection == 0)
            {
                // Never leave the other connections waiting on a first answer that will not come.
                _firstGoodResponse.TrySetResult();
            }
        }
    }

    /// <summary>Fetches a part to its (possibly shrinking) end with retries; false when the connection retires.</summary>
    private async Task<bool> FetchPartAsync(TransferPart part, int connection, CancellationToken cancellationToken)
    {
        var failures = 0;

        // Bytes the failed attempts brought since the retries were last refunded. Only a real amount refunds them: a
        // server that sends a trickle per request and then stalls would otherwise "make progress" forever.
        long trickled = 0;
        while (part.Position < _scheduler.CurrentEnd(part))
        {
            var before = part.Position;
            try
            {
                await FetchOnceAsync(part, cancellationToken);
            }
            catch (Exception ex)
            {
                var failure = TransferFailureClassifier.Classify(ex, cancellationToken);
                if (failure.Kind == TransferFailureKind.Cancelled)
                {
                    throw;
                }

                trickled += part.Position - before;
                if (trickled >= options.RetryRefundBytes)
                {
                    failures = 0;
                    trickled = 0;
                }

                // Some CDNs refuse a second concurrent Range request for one object. A 403 before the server ever served
                // this file is the real thing (gated, no access). After it did, a 403 means "too many connections": the
                // extra connection retires, and the last one retries, because the server may still count a request of
                // ours that just ended as open.
                if (ex is TransferHttpException { StatusCode: HttpStatusCode.Forbidden } && Volatile.Read(ref _servedOnce) == 1)
                {
                    if (_scheduler.TryRetireForSingleStream(part))
                    {
                        _sampler.SetActivity(connection, null);
                        return false;
                    }

                    failure = failure with { Kind = TransferFailureKind.Retry, Activity = "server refused a connection" };
                }

                if (failure.Kind == TransferFailureKind.Fatal)
                {
                    if (!IsServerFailure(ex))
                    {
                        throw;
                    }

                    throw new TransferGaveUpException(ex, failures, trickled, options.StallTimeout);
                }

                failures++;
                if (failures > options.Retries)
                {
                    throw new TransferGaveUpException(ex, failures - 1, trickled, options.StallTimeout);
                }

                var delay = RetryBackoff.Delay(failures, failure.ServerDelay, options);
                var seconds = Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                _sampler.SetActivity(connection, failure.Activity is { } what ? $"{what} (retrying in {seconds} s)" : $"retrying in {seconds} s");
                await Task.Delay(delay, timeProvider, cancellationToken);
                _sampler.SetActivity(connection, null);
            }
        }

        _scheduler.Complete(part);
        return true;
    }

    private async Task FetchOnceAsync(TransferPart part, CancellationToken cancellationToken)
    {
        var start = part.Position;
        var end = _scheduler.CurrentEnd(part);
        using var stall = new StallWatchdog(timeProvider, options.StallTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        var token = linked.Token;
        try
        {
            stall.Arm();
            var (response, tokenWasSent) = await _sender.SendAsync(start, end, token);
            using (response)
            {
                var skip = _validator.Check(response, start, tokenWasSent);
                Volatile.Write(ref _servedOnce, 1);
                _firstGoodResponse.TrySetResult();
                await using var body = await response.Content.ReadAsStreamAsync(token);
                stall.Disarm();
                await CopyToFileAsync(body, part, skip, stall, token, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (stall.Fired && !cancellationToken.IsCancellationRequested)
        {
            throw new TransferStalledException(options.StallTimeout);
        }
    }

    private async Task CopyToFileAsync(Stream body, TransferPart part, long skip, StallWatchdog stall, CancellationToken readToken, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
        try
        {
            while (skip > 0)
            {
                stall.Arm();
                var skipped = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(skip, buffer.Length)), readToken);
                stall.Disarm();
                if (skipped == 0)
                {
                    throw new IOException("Connection closed before the already-written prefix was skipped");
                }

                skip -= skipped;
            }

            while (true)
            {
                var remaining = _scheduler.CurrentEnd(part) - part.Position;
                if (remaining <= 0)
                {
                    return;
                }

                var want = (int)Math.Min(remaining, bandwidthLimiter.ReadLimit(options.BufferSize));
                var (filled, failure) = await FillAsync(body, buffer.AsMemory(0, want), stall, readToken, cancellationToken);
                var (offset, count) = _scheduler.Claim(part, filled);
                if (count > 0)
                {
                    _file.Write(buffer.AsSpan(0, count), offset);
                    _hasher.OnWritten(offset, buffer.AsSpan(0, count));
                    _scheduler.MarkWritten(offset, count);
                    _hasher.Poke();
                    _checkpointer!.OnWritten(count);
                    _sampler.OnWritten(count);
                }

                failure?.Throw();
                if (count < filled)
                {
                    // An idle connection took this part's tail; the bytes past the new end are its to fetch.
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads until <paramref name="buffer"/> is full, so the file write, hash call and bookkeeping happen once per buffer
    /// rather than once per socket read. A failure after some bytes arrived is returned, not thrown, so those bytes are
    /// still written and the retry starts after them.
    /// </summary>
    private async Task<(int Filled, ExceptionDispatchInfo? Failure)> FillAsync(
        Stream body, Memory<byte> buffer, StallWatchdog stall, CancellationToken readToken, CancellationToken cancellationToken)
    {
        var filled = 0;
        try
        {
            while (filled < buffer.Length)
            {
                stall.Arm();
                var read = await body.ReadAsync(buffer[filled..], readToken);
                stall.Disarm();
                if (read == 0)
                {
                    throw new IOException($"Connection closed early: {buffer.Length - filled:N0} bytes of the range still to come");
                }

                // Waiting for bandwidth is outside the stall window: a capped transfer is slow, not stalled.
                await bandwidthLimiter.WaitAsync(read, cancellationToken);
                filled += read;
            }

            return (filled, null);
        }
        catch (Exception ex) when (filled > 0)
        {
            return (filled, ExceptionDispatchInfo.Capture(ex));
        }
    }

    /// <summary>
    /// Stops the hasher, settles the last checkpoint, saves the pause journal and closes the file. Never throws: it
    /// runs in RunAsync's finally, where an exception of its own would replace the error (or cancellation) that ended
    /// the transfer, and whatever fails here the file handle is still closed.
    /// </summary>
    private async Task CloseAsync(Outcome outcome)
    {
        try
        {
            if (_hasher is not null)
            {
                await _hasher.StopAsync();
            }

            if (_checkpointer is not null)
            {
                await _checkpointer.SettleAsync();
                if (outcome == Outcome.Paused && _scheduler.WrittenBytes > 0)
                {
                    // Pause, cancel, crash of a connection: the journal is what the next run resumes from.
                    _checkpointer.Save(flushData: true);
                }
            }
        }
        catch (Exception ex) when (ex is DiskWriteException or IOException or UnauthorizedAccessException)
        {
            // Nothing more to save on a failing disk; the next run starts this file over.
        }
        finally
        {
            _hasher?.Dispose();
            _file.Dispose();
        }

        // A transfer that failed before its first byte (404, gated) leaves no preallocated file of zeros behind.
        if (outcome == Outcome.Paused && (_scheduler is null || _scheduler.WrittenBytes == 0) && !File.Exists(request.JournalPath))
        {
            outcome = Outcome.Discard;
        }

        try
        {
            switch (outcome)
            {
                case Outcome.Completed:
                    TransferJournal.Delete(request.JournalPath);
                    break;
                case Outcome.Discard:
                    RangeDownloader.Discard(request);
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover journal of a completed file is harmless (the next run sees the final file) and a leftover
            // discarded partial is rejected by its journal; the transfer's own outcome is what the caller needs.
        }

        _sampler.ReportNow();
    }

    // The server's or the network's failures, which the caller words for the user (with the Hub's reasons); the
    // others (integrity, disk) already say what they are.
    private static bool IsServerFailure(Exception failure) =>
        failure is TransferHttpException or TransferStalledException or TransferProtocolException
            or HttpRequestException or IOException or OperationCanceledException;

    private enum Outcome
    {
        Paused,
        Completed,
        Discard,
    }
}
