using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>Faults decided before a request is routed: stall before headers, 429, 5xx, redirect loops and cross-host redirects.</summary>
internal static class RequestFaults
{
    /// <summary>Returns true when the fault answered the request.</summary>
    public static async Task<bool> ApplyAsync(HttpContext context, FaultPlan faults, RequestOrigin origin, RequestTarget target, string? filePath, RequestLog.Entry entry)
    {
        var requestPath = target.DecodedPath;
        var stall = faults.Take(FaultKind.Stall, origin, requestPath, filePath, r => r.StallMode == StallMode.BeforeHeaders);
        if (stall is not null)
        {
            await Task.Delay(stall.Duration, context.RequestAborted);
        }

        var limit = faults.Take(FaultKind.RateLimit, origin, requestPath, filePath);
        if (limit is not null)
        {
            var bucket = requestPath.StartsWith("/api/", StringComparison.Ordinal) ? "api" : requestPath.Contains("/resolve/", StringComparison.Ordinal) ? "resolvers" : "pages";
            var seconds = limit.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.RetryAfter = seconds;
            context.Response.Headers["RateLimit"] = $"\"{bucket}\";r=0;t={seconds}";
            context.Response.Headers["RateLimit-Policy"] = $"\"fixed window\";\"{bucket}\";q=1000;w=300";
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status429TooManyRequests, null,
                "You have exceeded our hourly quotas for action: " + bucket + ". We invite you to retry later.");
            return true;
        }

        var error = faults.Take(FaultKind.ServerError, origin, requestPath, filePath);
        if (error is not null)
        {
            await HubResponses.ErrorAsync(context, entry, error.StatusCode, null, "Internal Error - We're working hard to fix this as soon as possible!");
            return true;
        }

        if (faults.Take(FaultKind.RedirectLoop, origin, requestPath, filePath) is { } loop)
        {
            var self = target.RawPath + (target.RawQuery.Length > 0 ? "?" + target.RawQuery : "");
            await RedirectAsync(context, loop.Absolute ? $"{context.Request.Scheme}://{context.Request.Host}{self}" : self);
            return true;
        }

        if (faults.Take(FaultKind.RedirectElsewhere, origin, requestPath, filePath) is { Target: { } host })
        {
            var there = $"{host.Scheme}://{host.Authority}{target.RawPath}" + (target.RawQuery.Length > 0 ? "?" + target.RawQuery : "");
            await RedirectAsync(context, there);
            return true;
        }

        return false;
    }

    private static Task RedirectAsync(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        context.Response.ContentLength = 0;
        return context.Response.StartAsync(context.RequestAborted);
    }
}
