namespace HFDesk.Server.Access;

/// <summary>
/// Refuses a declared body over the limit before routing, so every route (even one that never reads its body)
/// answers 413 alike. Chunked bodies are cut by Kestrel's own limit while being read.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > HfDeskServer.MaxRequestBodyBytes)
        {
            // The unread body would otherwise be drained; closing is cheaper for a 1 GiB upload. (HTTP/1.1 only:
            // connection headers are not allowed in HTTP/2.)
            if (HttpProtocol.IsHttp11(context.Request.Protocol))
            {
                context.Response.Headers.Connection = "close";
            }
            return ApiErrorWriter.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "Request body too large",
                $"The limit is {HfDeskServer.MaxRequestBodyBytes / 1024 / 1024} MiB.");
        }

        return next(context);
    }
}
