using System.Globalization;
using System.Text;
using HFDesk.Core.HubServing;

namespace HFDesk.Server.HubServing;

/// <summary>
/// A file answer as a direct 200 from disk (no CDN redirect): the headers Python and JS read (hub-protocol §7),
/// Range → 206/416, If-None-Match → 304, and the bytes through Kestrel's SendFileAsync.
/// </summary>
internal static class HubFileSender
{
    /// <summary>Writes the answer and returns the number of body bytes sent.</summary>
    public static async Task<long> SendAsync(HttpContext context, ServedFile file, string commit, bool raw, HubFill? fill = null)
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
        else
        {
            await response.SendFileAsync(file.PhysicalPath!, offset, length, context.RequestAborted);
        }

        return length;
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
        var buffer = new byte[256 * 1024];
        FileStream? stream = null;
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

                var done = fill.Completion.IsCompletedSuccessfully;
                var limit = done ? end : Math.Min(end - 1, fill.Available);
                if (position < limit)
                {
                    stream ??= await OpenFillAsync(fill, done);
                    if (stream is null)
                    {
                        context.Abort();
                        return position - offset;
                    }

                    var count = (int)Math.Min(buffer.Length, limit - position);
                    var read = await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer.AsMemory(0, count), position, ct);
                    if (read <= 0)
                    {
                        context.Abort();
                        return position - offset;
                    }

                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), ct);
                    position += read;
                    continue;
                }

                await context.Response.Body.FlushAsync(ct);
                // Progress arrives every few milliseconds while bytes flow; the engine's own stall timeout ends a dead fill.
                await next.WaitAsync(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return length;
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
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

    /// <summary>The partial while the fill runs, else the published file; null when the fill failed.</summary>
    private static async Task<FileStream?> OpenFillAsync(HubFill fill, bool done)
    {
        if (!done)
        {
            try
            {
                return Open(fill.TempPath);
            }
            catch (FileNotFoundException)
            {
                // The fill finished and renamed its partial between the progress check and this open.
            }
        }

        try
        {
            return Open(await fill.Completion.ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || fill.Completion.IsFaulted || fill.Completion.IsCanceled)
        {
            return null;
        }
    }

    // Shared for write and delete: the engine keeps writing, and the final rename must not be refused (Windows).
    private static FileStream Open(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, Options = FileOptions.Asynchronous });

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
