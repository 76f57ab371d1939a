using System.Globalization;
using System.Text;
using HFDesk.Core.HubServing;
using HFDesk.Server.Transport;
using Microsoft.Win32.SafeHandles;

namespace HFDesk.Server.HubServing;

/// <summary>
/// A file answer as a direct 200 from disk (no CDN redirect): the headers Python and JS read (hub-protocol §7),
/// Range → 206/416, If-None-Match → 304. Cached files go from disk to the socket by sendfile(2) where the connection
/// allows it (<see cref="SendfileConnection"/>: HTTP/1.1 on Linux), else through Kestrel's SendFileAsync; a growing
/// fill is copied into the response pipe in large chunks up to its watermark.
/// </summary>
internal static class HubFileSender
{
    // A fill's clients: large enough that a GiB is about a thousand reads and sends (as Kestrel's SendFileAsync does
    // for cached files), small enough that 64 clients stay under 64 MiB.
    private const int ChunkBytes = 1024 * 1024;

    // Below this a body is one or two packets: the copy costs less than parking the connection's output.
    private const long SendfileMinBytes = 64 * 1024;

    /// <summary>Writes the answer and returns the number of body bytes sent.</summary>
    public static async Task<long> SendAsync(HttpContext context, ServedFile file, string commit, bool raw, HubEndpointStats stats, HubFill? fill = null)
    {
        var response = context.Response;
        // /raw/ of an LFS file is the git blob: the pointer text, named by its git oid.
        var pointer = raw && file.LfsSha256 is { } sha ? Encoding.ASCII.GetBytes(LfsPointer.Text(sha, file.Size)) : null;
        var etag = "\"" + (pointer is null ? file.BlobId : file.GitOid) + "\"";
        var total = pointer?.LongLength ?? file.Size;

        response.Headers["X-Repo-Commit"] = commit;
        response.Headers.ETag = etag;
        if (pointer is null)
        {
            // Python names the blob after X-Linked-Etag, else ETag; both say the same here.
            response.Headers["X-Linked-Etag"] = etag;
            response.Headers["X-Linked-Size"] = total.ToString(CultureInfo.InvariantCulture);
        }

        response.Headers.AcceptRanges = "bytes";
        response.ContentType = file.IsLfs && pointer is null ? "application/octet-stream" : "text/plain; charset=utf-8";

        if (IfNoneMatch(context.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return 0;
        }

        var range = HubByteRange.Parse(context.Request.Headers.Range.ToString(), total, out var unsatisfiable);
        if (unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{total}");
            response.ContentLength = 0;
            return 0;
        }

        var (offset, length) = range is { } r ? (r.Start, r.Length) : (0L, total);
        if (range is { } partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {partial.Start}-{partial.End}/{total}");
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }

        response.ContentLength = length;
        if (HttpMethods.IsHead(context.Request.Method) || length == 0)
        {
            return 0;
        }

        if (pointer is not null)
        {
            await response.Body.WriteAsync(pointer.AsMemory((int)offset, (int)length), context.RequestAborted);
        }
        else if (fill is not null)
        {
            return await StreamFillAsync(context, fill, offset, length);
        }
        else if (Sendfile(context, length) is not { } sendfile || !await SendCachedAsync(context, sendfile, file.PhysicalPath!, offset, length, stats))
        {
            await response.SendFileAsync(file.PhysicalPath!, offset, length, context.RequestAborted);
        }

        return length;
    }

    private static SendfileConnection? Sendfile(HttpContext context, long length) =>
        length >= SendfileMinBytes && HttpProtocol.IsHttp11(context.Request.Protocol) ? context.Features.Get<SendfileConnection>() : null;

    /// <summary>
    /// A cached file by sendfile(2); false when the connection could not take it and nothing was sent. A socket that
    /// breaks mid-way aborts the connection, so the client sees the answer cut short.
    /// </summary>
    private static async Task<bool> SendCachedAsync(HttpContext context, SendfileConnection sendfile, string path, long offset, long length, HubEndpointStats stats)
    {
        using var handle = HubFill.OpenShared(path);
        await context.Response.StartAsync(context.RequestAborted);
        long? sent;
        try
        {
            sent = await sendfile.SendFileAsync(context.Response.BodyWriter, handle, offset, length, context.RequestAborted);
        }
        catch (IOException)
        {
            context.Abort();
            throw new OperationCanceledException("The client connection broke while a file was sent to it.");
        }

        if (sent is not { } bytes)
        {
            return false;
        }

        stats.ServedZeroCopy(bytes);
        return true;
    }

    /// <summary>
    /// Streams a file while the fill writes it. The headers wait for the first byte (a fill may wait for a
    /// <c>maxActive</c> slot), so a fill that fails before any byte answers with an error status; once they are
    /// sent, the last byte waits for the fill's verified end and a failed fill aborts the connection, so the client
    /// sees a broken transfer and never a complete-looking 200.
    /// </summary>
    private static async Task<long> StreamFillAsync(HttpContext context, HubFill fill, long offset, long length)
    {
        var ct = context.RequestAborted;
        if (!await FirstByteAsync(fill, ct))
        {
            context.Response.Clear();
            var cancelled = fill.Completion.Exception?.InnerException is OperationCanceledException || fill.Completion.IsCanceled;
            await HubResponses.ErrorAsync(
                context,
                cancelled ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                null,
                cancelled
                    ? "The download of this file from the upstream Hub was cancelled on the HFDesk server; try again."
                    : "The download of this file from the upstream Hub failed: " + fill.Completion.Exception?.InnerException?.Message);
            return 0;
        }

        var end = offset + length;
        var position = offset;
        var writer = context.Response.BodyWriter;
        SafeFileHandle? committed = null;
        try
        {
            await context.Response.StartAsync(ct);
            while (position < end)
            {
                var next = fill.NextProgress;
                if (fill.Completion.IsFaulted || fill.Completion.IsCanceled)
                {
                    context.Abort();
                    return position - offset;
                }

                SafeFileHandle? handle;
                long limit;
                if (fill.Completion.IsCompletedSuccessfully)
                {
                    committed ??= await OpenCommittedAsync(fill);
                    if (committed is null)
                    {
                        context.Abort();
                        return position - offset;
                    }

                    (handle, limit) = (committed, end);
                }
                else
                {
                    // The prefix and the file it is about, together: after a restart in a new file both move at once.
                    var (available, partial) = fill.Watermark();
                    (handle, limit) = (partial, Math.Min(end - 1, available));
                }

                if (handle is not null && position < limit)
                {
                    var memory = writer.GetMemory((int)Math.Min(ChunkBytes, limit - position));
                    var want = (int)Math.Min(memory.Length, limit - position);
                    int read;
                    try
                    {
                        read = RandomAccess.Read(handle, memory.Span[..want], position);
                    }
                    catch (ObjectDisposedException)
                    {
                        // The fill ended or moved to a new file since the look above: look again.
                        continue;
                    }

                    if (read <= 0)
                    {
                        context.Abort();
                        return position - offset;
                    }

                    writer.Advance(read);
                    position += read;
                    // The last flush is not cancellable: a client that closes as soon as it has the last byte (curl
                    // does) has been served, not cancelled. A client that never reads ends in Kestrel's abort instead.
                    var flushed = await writer.FlushAsync(position == end ? CancellationToken.None : ct);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return position - offset;
                    }

                    continue;
                }

                // Progress arrives every few milliseconds while bytes flow; the engine's own stall timeout ends a dead fill.
                await next.WaitAsync(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return length;
        }
        finally
        {
            committed?.Dispose();
        }
    }

    /// <summary>True once the fill has a byte to give or has succeeded; false when it failed first.</summary>
    private static async Task<bool> FirstByteAsync(HubFill fill, CancellationToken ct)
    {
        // Bounded by the client: it waits as long as it wants (its own read timeout), the fill by its stall watchdog.
        while (true)
        {
            var next = fill.NextProgress;
            if (fill.Completion.IsCompleted)
            {
                return fill.Completion.IsCompletedSuccessfully;
            }

            if (fill.Available > 0)
            {
                return true;
            }

            await next.WaitAsync(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The committed file of a fill that succeeded; null when it cannot be opened.</summary>
    private static async Task<SafeFileHandle?> OpenCommittedAsync(HubFill fill)
    {
        try
        {
            return HubFill.OpenShared(await fill.Completion.ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch.ToString();
        if (header.Length == 0)
        {
            return false;
        }

        return header.Trim() == "*" || header.Split(',').Select(t => t.Trim()).Any(t => t == etag || t == "W/" + etag);
    }
}
