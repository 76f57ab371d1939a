using Microsoft.Extensions.Logging;

namespace HFDesk.Server.Access;

/// <summary>Applies <see cref="OriginPolicy"/> to every request, WebSocket upgrades included, before anything else runs.</summary>
internal sealed class OriginPolicyMiddleware(RequestDelegate next, OriginPolicy policy, ILogger<OriginPolicyMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var reason = policy.Check(request.Headers.Origin, request.Scheme, request.Host.Value ?? "", request.Host.Host);
        if (reason is null)
        {
            return next(context);
        }

        ServerLog.Refused(logger, request.Method, request.Path, reason);
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-origin request refused", reason);
    }
}
