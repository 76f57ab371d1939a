using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using HFDesk.Core.Hub;
using Microsoft.Win32.SafeHandles;

namespace HFDesk.Core.Downloads;

/// <summary>One run of one transfer: the open temp file, its connections, hasher and journal checkpoints.</summary>
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
    // Big enough that loopback and fast links need few reads per MiB, small enough that 64 connections stay far under 150 MB.
    private const int BufferSize = 256 * 1024;
    private const int MaxRedirects = 5;

    private readonly long _size = request.ExpectedSize;

    // Extra connections wait for one good answer: a 401/404 or an ignored Range is then seen once, not N times at once.
    private readonly TaskCompletionSource _firstGoodResponse = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PartScheduler _scheduler = null!;
    private OrderedHasher _hasher = null!;
    private SafeFileHandle _file = null!;
    private string?[] _activities = [];
    private Exception? _primaryFailure;
    private readonly Lock _writeLock = new();
    private int _servedOnce;
    private long _fetched;
    private TransferCheckpointer? _checkpointer;
    private long _lastReport;

    public async Task<TransferResult> RunAsync(ByteRangeSet resumed, CancellationToken cancellationToken)
    {
        var resumedBytes = resumed.TotalBytes;
        var existingLength = File.Exists(request.TempPath) ? new FileInfo(request.TempPath).Length : 0;
        DiskSpaceGuard.EnsureRoom(request.TempPath, _size - existingLength);

        _file = OpenTempFile(existingLength);
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
                && IsGitSha1(request.ExpectedEtag);
            _hasher = new OrderedHasher(_file, _size, wantSha256, wantGitSha1, _scheduler.ContiguousWrittenEnd);
            _activities = new string?[connections];
            _checkpointer = new TransferCheckpointer(request, _file, _scheduler.WrittenSnapshot, options, timeProvider);

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
            SetActivity(0, "verifying");
        }

        var (sha256, gitSha1) = await _hasher.CompleteAsync(cancellationToken);
        Verify(sha256, gitSha1);
        if (options.FlushOnComplete)
        {
            RandomAccess.FlushToDisk(_file);
        }

        SetActivity(0, null);
        return new TransferResult(sha256, Interlocked.Read(ref _fetched), resumedBytes, _hasher.BytesRehashed);
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
                        SetActivity(connection, null);
                        return false;
                    }

                    failure = failure with { Kind = TransferFailureKind.Retry, Activity = "server refused a connection" };
                }

                if (failure.Kind == TransferFailureKind.Fatal)
                {
                    throw Explain(ex, failures, trickled);
                }

                failures++;
                if (failures > options.Retries)
                {
                    throw Explain(ex, failures - 1, trickled);
                }

                var delay = RetryBackoff.Delay(failures, failure.ServerDelay, options);
                var seconds = Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                SetActivity(connection, failure.Activity is { } what ? $"{what} (retrying in {seconds} s)" : $"retrying in {seconds} s");
                await Task.Delay(delay, timeProvider, cancellationToken);
                SetActivity(connection, null);
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
            var (response, tokenWasSent) = await SendAsync(start, end, token);
            using (response)
            {
                var skip = CheckResponse(response, start, tokenWasSent);
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
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
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

                var want = (int)Math.Min(remaining, bandwidthLimiter.ReadLimit(buffer.Length));
                var (filled, failure) = await FillAsync(body, buffer.AsMemory(0, want), stall, readToken, cancellationToken);
                var (offset, count) = _scheduler.Claim(part, filled);
                if (count > 0)
                {
                    Write(buffer.AsSpan(0, count), offset);
                    _hasher.OnWritten(offset, buffer.AsSpan(0, count));
                    _scheduler.MarkWritten(offset, count);
                    Interlocked.Add(ref _fetched, count);
                    _hasher.Poke();
                    _checkpointer!.OnWritten(count);
                    ReportIfDue();
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

    private async Task<(HttpResponseMessage Response, bool TokenWasSent)> SendAsync(long start, long end, CancellationToken cancellationToken)
    {
        var uri = request.Source;
        var bearer = request.BearerToken;
        for (var hop = 0; ; hop++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, uri);
            if (!plainStream)
            {
                message.Headers.Range = new RangeHeaderValue(start, end - 1);
            }
            else if (start > 0)
            {
                message.Headers.Range = new RangeHeaderValue(start, null);
            }

            if (bearer is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && hop < MaxRedirects)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);

                // The token goes only where it was meant to: a relative hop keeps it, another host:port never sees it.
                if (!string.Equals(next.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                {
                    bearer = null;
                }

                response.Dispose();
                uri = next;
                continue;
            }

            return (response, bearer is not null);
        }
    }

    /// <summary>Checks status and Content-Range; returns how many leading body bytes to skip (a 200 to a resumed plain stream).</summary>
    private long CheckResponse(HttpResponseMessage response, long start, bool tokenWasSent)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var range = response.Content.Headers.ContentRange;
                if (range?.Length is { } total && total != _size)
                {
                    throw new IntegrityException($"The server holds {total:N0} bytes for this file, {_size:N0} were expected: it changed upstream; download it again");
                }

                if (range?.From != start)
                {
                    throw new IOException($"Asked for bytes from {start}, the server answered {range}");
                }

                return 0;

            case HttpStatusCode.OK:
                if (response.Content.Headers.ContentLength is { } length && length != _size)
                {
                    throw new IntegrityException($"The server sends {length:N0} bytes for this file, {_size:N0} were expected: it changed upstream; download it again");
                }

                if (!plainStream)
                {
                    throw new RangeNotHonouredException();
                }

                return start;

            case HttpStatusCode.RequestedRangeNotSatisfiable:
                throw new IntegrityException($"The server refused bytes {start}- of a {_size:N0}-byte file ({response.Content.Headers.ContentRange}): it changed upstream; download it again");

            default:
                throw TransferHttpException.From(response, tokenWasSent, timeProvider);
        }
    }

    private Exception Explain(Exception failure, int retries, long trickled) => failure switch
    {
        TransferHttpException http => Explain(HubErrorClassifier.Classify(http.Answer, request.Context, request.RepoUrl ?? request.Source.GetLeftPart(UriPartial.Path)), retries),
        TransferStalledException stalled when trickled > 0 => new HubException(
            HubErrorKind.Timeout,
            $"The server keeps stalling: {retries + 1} requests in a row brought only {trickled:N0} bytes before going silent for {options.StallTimeout.TotalSeconds:0.#} s; gave up: {request.Source.GetLeftPart(UriPartial.Path)}",
            stalled),
        TransferStalledException stalled => new HubException(
            HubErrorKind.Timeout, $"{stalled.Message}, {retries} reconnects did not help: {request.Source.GetLeftPart(UriPartial.Path)}", stalled),
        HttpRequestException or IOException or OperationCanceledException => new HubException(
            HubErrorKind.Upstream, $"The connection kept failing ({failure.Message}) after {retries} retries: {request.Source.GetLeftPart(UriPartial.Path)}", failure),
        _ => failure,
    };

    // 401/403/404 are final at once; a 429 or 5xx only reaches here once the retries are spent, which the user should know.
    private static HubException Explain(HubException classified, int retries) => classified.IsTransient
        ? new HubException(classified.Kind, $"{classified.Message} Gave up after {retries} retries.", classified)
        {
            StatusCode = classified.StatusCode,
            TokenWasSent = classified.TokenWasSent,
            RetryAfter = classified.RetryAfter,
            RepoUrl = classified.RepoUrl,
        }
        : classified;

    private void Verify(string? sha256, string? gitSha1)
    {
        if (request.ExpectedSha256 is { } expected && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new IntegrityException($"SHA-256 mismatch: expected {expected}, got {sha256}; the corrupt download was deleted");
        }

        if (gitSha1 is not null && !string.Equals(request.ExpectedEtag, gitSha1, StringComparison.OrdinalIgnoreCase))
        {
            throw new IntegrityException($"Content does not match its etag: expected git blob {request.ExpectedEtag}, got {gitSha1}; the corrupt download was deleted");
        }
    }

    private SafeFileHandle OpenTempFile(long existingLength)
    {
        try
        {
            // Preallocate so parts write in place into one file (no assembly copy) and a full disk fails now, not at 97%.
            var resuming = File.Exists(request.TempPath) && existingLength == _size;
            var file = File.OpenHandle(
                request.TempPath,
                resuming ? FileMode.Open : FileMode.Create,
                FileAccess.ReadWrite,
                FileShare.Read,
                FileOptions.None,
                resuming ? 0 : _size);
            if (RandomAccess.GetLength(file) != _size)
            {
                RandomAccess.SetLength(file, _size);
            }

            return file;
        }
        catch (IOException ex) when (ex is not InsufficientDiskSpaceException)
        {
            throw new DiskWriteException($"Cannot create the temp file '{request.TempPath}': {ex.Message}", ex);
        }
    }

    private void Write(ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            // One writer at a time: concurrent pwrite()s to one file serialize on the kernel's inode lock anyway,
            // and waiting there spins; waiting here sleeps.
            lock (_writeLock)
            {
                RandomAccess.Write(_file, data, offset);
            }
        }
        catch (IOException ex)
        {
            throw new DiskWriteException($"Writing '{request.TempPath}' failed: {ex.Message}", ex);
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

        Report(force: true);
    }

    private void SetActivity(int connection, string? activity)
    {
        if (connection < _activities.Length && !string.Equals(_activities[connection], activity, StringComparison.Ordinal))
        {
            _activities[connection] = activity;
            Report(force: true);
        }
    }

    private void ReportIfDue() => Report(force: false);

    private void Report(bool force)
    {
        if (progress is null)
        {
            return;
        }

        var last = Interlocked.Read(ref _lastReport);
        if (!force && timeProvider.GetElapsedTime(last) < options.ProgressInterval)
        {
            return;
        }

        if (!force && Interlocked.CompareExchange(ref _lastReport, timeProvider.GetTimestamp(), last) != last)
        {
            return;
        }

        string? activity = null;
        foreach (var text in _activities)
        {
            activity ??= text;
        }

        progress.Report(new TransferProgress(
            _size,
            _scheduler?.WrittenBytes ?? 0,
            Interlocked.Read(ref _fetched),
            _scheduler?.ActiveWorkers ?? 0,
            activity,
            _scheduler?.ContiguousWrittenEnd(0) ?? 0));
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool IsGitSha1(string? etag) => etag is { Length: 40 } && etag.All(char.IsAsciiHexDigit);

    private enum Outcome
    {
        Paused,
        Completed,
        Discard,
    }
}
