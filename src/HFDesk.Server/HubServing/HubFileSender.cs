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
    public static async Task<long> SendAsync(HttpContext context, ServedFile file, string commit, bool raw)
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
        else
        {
            await response.SendFileAsync(file.PhysicalPath!, offset, length, context.RequestAborted);
        }

        return length;
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
