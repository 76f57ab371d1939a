using Microsoft.AspNetCore.Http.Features;

namespace HFDesk.Server.Access;

/// <summary>
/// Refuses a declared body over the limit before routing, so every route (even one that never reads its body)
/// answers 413 alike. Chunked bodies are cut by Kestrel's own limit while being read.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>Up to this size an oversized body is read and dropped before the 413; above it the connection closes.</summary>
    public const long DrainLimitBytes = 16 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var declared = context.Request.ContentLength;
        if (declared > HfDeskServer.MaxRequestBodyBytes)
        {
            // A client still sending when the server answers and closes gets a reset, not the 413 ("broken pipe"):
            // drop a moderately large body first so the answer arrives. A 1 GiB upload is not worth reading; close.
            if (declared <= DrainLimitBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = DrainLimitBytes;
                try
                {
                    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                }
                catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
                {
                    // The client gave up or lied about the length: the 413 below is all that is left to say.
                }
            }
            else if (HttpProtocol.IsHttp11(context.Request.Protocol))
            {
                // The unread body would otherwise be drained; closing is cheaper for a 1 GiB upload. (HTTP/1.1 only:
                // connection headers are not allowed in HTTP/2.)
                context.Response.Headers.Connection = "close";
            }

            await ApiErrorWriter.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "Request body too large",
                $"The limit is {HfDeskServer.MaxRequestBodyBytes / 1024 / 1024} MiB.");
            return;
        }

        await next(context);
    }
}
