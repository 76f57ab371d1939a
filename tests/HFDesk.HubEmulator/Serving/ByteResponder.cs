using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using HFDesk.HubEmulator.Content;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>
/// Serves file bytes with Range (206/416) and the byte-level faults: stall, cut, drip, throttle, corrupt, changed upstream,
/// ignore Range, refuse extra connections, lying Content-Length and Content-Range, more bytes than asked.
/// </summary>
internal static class ByteResponder
{
    private const int BufferSize = 256 * 1024;

    public static async Task ServeAsync(HttpContext context, RequestLog.Entry entry, FaultPlan faults, RequestOrigin origin, string requestPath, string filePath, IFileContent content)
    {
        var response = context.Response;
        if (faults.Take(FaultKind.ChangedUpstream, origin, requestPath, filePath) is { } changed)
        {
            content = new ChangedContent(content, changed.Bytes);
        }

        var total = content.Length;
        var isGet = HttpMethods.IsGet(context.Request.Method);
        var rangeHeader = context.Request.Headers.Range.ToString();
        response.Headers.AcceptRanges = "bytes";

        if (rangeHeader.Length > 0 && faults.Take(FaultKind.IgnoreRange, origin, requestPath, filePath) is not null)
        {
            rangeHeader = "";
        }

        var range = ByteRange.Parse(rangeHeader, total, out var unsatisfiable);
        if (unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{total}");
            response.ContentLength = 0;
            return;
        }

        var openKey = origin + ":" + content.Key;
        var ranged = range is not null && isGet;
        if (ranged && faults.EnterRanged(openKey) > 1
            && faults.Take(FaultKind.RefuseExtraConnections, origin, requestPath, filePath) is not null)
        {
            faults.ExitRanged(openKey);
            response.Headers.Remove("Accept-Ranges");
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status403Forbidden, null, "Too many concurrent connections for this file.");
            return;
        }

        try
        {
            var (start, length) = range is { } r ? (r.Start, r.Length) : (0L, total);
            // Lies about the body are told to GETs only, so each hit is a body a client actually read.
            var extra = range is not null && isGet && faults.Take(FaultKind.OverdeliverRange, origin, requestPath, filePath) is { } over ? over.Bytes : 0;
            if (range is { } partial)
            {
                var lie = isGet ? faults.Take(FaultKind.LyingContentRange, origin, requestPath, filePath) : null;
                var shift = lie?.StartShift ?? 0;
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = string.Create(
                    CultureInfo.InvariantCulture, $"bytes {partial.Start + shift}-{partial.End + extra + shift}/{total + (lie?.TotalShift ?? 0)}");
            }
            else
            {
                response.StatusCode = StatusCodes.Status200OK;
            }

            var declared = length + extra;
            if (isGet && faults.Take(FaultKind.LyingContentLength, origin, requestPath, filePath) is { } lying)
            {
                declared = Math.Max(0, declared + lying.Bytes);
            }

            response.ContentLength = declared;
            if (!isGet || declared == 0)
            {
                return;
            }

            await WriteBodyAsync(context, entry, faults, origin, requestPath, filePath, content, start, length, extra, declared);
        }
        finally
        {
            if (ranged)
            {
                faults.ExitRanged(openKey);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="length"/> bytes of the file from <paramref name="start"/>, then <paramref name="extra"/> bytes of
    /// filler, never more than <paramref name="declared"/> (the Content-Length sent); fewer ends the response short.
    /// </summary>
    private static async Task WriteBodyAsync(
        HttpContext context, RequestLog.Entry entry, FaultPlan faults, RequestOrigin origin, string requestPath, string filePath, IFileContent content, long start, long length, long extra, long declared)
    {
        var fileBytes = length;
        length = Math.Min(length + extra, declared);
        var cancellationToken = context.RequestAborted;
        var body = context.Response.Body;

        if (faults.Take(FaultKind.Stall, origin, requestPath, filePath, r => r.StallMode == StallMode.AfterHeaders) is { } stall)
        {
            await context.Response.StartAsync(cancellationToken);
            await body.FlushAsync(cancellationToken);
            await Task.Delay(stall.Duration, cancellationToken);
        }

        var cut = faults.Take(FaultKind.CutAfter, origin, requestPath, filePath, r => r.Bytes < length);
        var drip = faults.Take(FaultKind.Drip, origin, requestPath, filePath, r => r.Bytes < length);
        var limit = Math.Min(cut?.Bytes ?? length, drip?.Bytes ?? length);
        var rate = faults.BandwidthFor(origin, requestPath, filePath);
        var corrupt = faults.Take(FaultKind.CorruptBytes, origin, requestPath, filePath) is not null;
        var chunkSize = rate is { } bps ? (int)Math.Clamp(bps / 20, 1, BufferSize) : BufferSize;

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var started = Stopwatch.GetTimestamp();
            long sent = 0;
            while (sent < limit)
            {
                var count = (int)Math.Min(chunkSize, limit - sent);
                var offset = start + sent;
                if (sent < fileBytes)
                {
                    count = (int)Math.Min(count, fileBytes - sent);
                    content.Read(offset, buffer.AsSpan(0, count));
                }
                else
                {
                    buffer.AsSpan(0, count).Fill(0xEE);
                }

                if (corrupt)
                {
                    Corrupt(buffer.AsSpan(0, count), offset);
                }

                entry.AddBytes(count);
                await body.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                sent += count;

                if (rate is { } bytesPerSecond)
                {
                    var due = TimeSpan.FromSeconds((double)sent / bytesPerSecond);
                    var ahead = due - Stopwatch.GetElapsedTime(started);
                    if (ahead > TimeSpan.Zero)
                    {
                        await body.FlushAsync(cancellationToken);
                        await Task.Delay(ahead, cancellationToken);
                    }
                }
            }

            if (drip is not null)
            {
                // The bytes reach the client, then silence; the client's stall timeout should end it before we do.
                await body.FlushAsync(cancellationToken);
                await Task.Delay(drip.Duration, cancellationToken);
            }

            if (cut is not null || drip is not null || sent < declared)
            {
                // End the response short of Content-Length. Kestrel then closes the connection gracefully
                // (FIN after the bytes already written): the client receives exactly `limit` bytes and then
                // a premature end. HttpContext.Abort() would reset the socket and could drop those bytes.
                await body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Corrupt(Span<byte> chunk, long offset)
    {
        var first = (1024 - (offset % 1024)) % 1024;
        for (var i = first; i < chunk.Length; i += 1024)
        {
            chunk[(int)i] ^= 0xFF;
        }
    }
}
