using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>Faults decided before a request is routed: stall before headers, 429, 5xx.</summary>
internal static class RequestFaults
{
    /// <summary>Returns true when the fault answered the request.</summary>
    public static async Task<bool> ApplyAsync(HttpContext context, FaultPlan faults, RequestOrigin origin, string requestPath, string? filePath, RequestLog.Entry entry)
    {
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

        return false;
    }
}
