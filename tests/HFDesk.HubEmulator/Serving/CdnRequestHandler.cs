using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>
/// The "CDN" port LFS redirects point to. Like the real CDN it checks no Authorization (the URL is the
/// credential) and sends none of the Hub's X-* headers; its ETag is its own, not the sha256.
/// </summary>
internal sealed class CdnRequestHandler(FaultPlan faults, RequestLog log, CdnBlobRegistry blobs)
{
    public async Task HandleAsync(HttpContext context)
    {
        var target = RequestTarget.From(context);
        var request = context.Request;
        var entry = log.Begin(RequestOrigin.Cdn, request.Method, target.RawPath, target.RawQuery, RequestQuery.Header(request, "Range"), RequestQuery.Header(request, "Authorization"));
        context.Response.OnStarting(() =>
        {
            entry.SetStatus(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            var segs = target.Segments;
            FixtureFile? file = null;
            var found = segs.Length == 4 && segs[0] == "repos" && blobs.TryGet(segs[3], out file);
            entry.FilePath = file?.Path;
            if (await RequestFaults.ApplyAsync(context, faults, RequestOrigin.Cdn, target, file?.Path, entry))
            {
                return;
            }

            if (!found || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "application/xml";
                var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"u8.ToArray();
                entry.AddBytes(body.Length);
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
                return;
            }

            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers.ETag = "\"" + file!.Sha256[..32] + "-cdn\"";
            context.Response.Headers.LastModified = "Mon, 01 Jan 2024 00:00:00 GMT";
            await ByteResponder.ServeAsync(context, entry, faults, RequestOrigin.Cdn, target.DecodedPath, file.Path, file.Content);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            entry.Complete(context.Response.StatusCode);
        }
    }
}
