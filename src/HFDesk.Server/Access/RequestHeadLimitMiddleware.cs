namespace HFDesk.Server.Access;

/// <summary>
/// The request line and header limits, enforced by the app so that their refusals carry the error envelope.
/// Kestrel's own 414/431 answers are empty bodies written before any middleware runs, so its limits are raised to
/// a transport ceiling (<see cref="HfDeskServer.KestrelRequestLineBytes"/>) and the usual limits apply here.
/// </summary>
internal sealed class RequestHeadLimitMiddleware(RequestDelegate next)
{
    /// <summary>Kestrel's default request-line limit, kept for the target (path and query).</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Kestrel's default total header limit.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var target = request.Path.Value?.Length + request.PathBase.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (target > MaxTargetBytes)
        {
            return Refuse(context, StatusCodes.Status414UriTooLong, "Request URI too long", $"The limit is {MaxTargetBytes / 1024} KiB for the path and query.");
        }

        long headers = 0;
        foreach (var (name, values) in request.Headers)
        {
            // Name, ": ", value and CRLF per line, as Kestrel counts them.
            foreach (var value in values)
            {
                headers += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headers > MaxHeaderBytes)
        {
            return Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", $"The limit is {MaxHeaderBytes / 1024} KiB for all headers.");
        }

        return next(context);
    }

    private static Task Refuse(HttpContext context, int status, string message, string details)
    {
        if (HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }

        return ApiErrorWriter.WriteAsync(context, status, message, details);
    }
}
