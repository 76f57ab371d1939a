namespace HFDesk.Server.Access;

/// <summary>
/// <c>HEAD</c> on an <c>/api</c> resource answers exactly as <c>GET</c> would, without the body (RFC 9110 §9.3.2),
/// instead of a 405 from routing: the GET endpoint runs with its body written nowhere. <c>/hub</c> maps HEAD itself.
/// </summary>
internal sealed class HeadAsGetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method) || !ApiErrorWriter.IsApiRequest(context.Request))
        {
            await next(context);
            return;
        }

        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    }
}
