using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace HFDesk.Server.Errors;

/// <summary>
/// Gives body-less error answers under /api the envelope: routing's 404 (no such route) and 405 (wrong method),
/// and endpoints that return a bare status. Answers that already carry a body are left alone.
/// </summary>
internal static class StatusCodeEnvelope
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!ApiErrorWriter.IsApiRequest(http.Request))
        {
            return Task.CompletedTask;
        }

        var status = http.Response.StatusCode;
        var route = $"{http.Request.Method} {http.Request.Path}";
        (string Message, string? Details) described = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", $"No API route or resource for {route}"),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{http.Request.Method} is not allowed on {http.Request.Path}"),
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", $"The limit is {HfDeskServer.MaxRequestBodyBytes / 1024 / 1024} MiB."),
            StatusCodes.Status401Unauthorized => ("Authentication required", null),
            StatusCodes.Status409Conflict => ("Conflict", null),
            _ => (ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : "Request failed", null),
        };
        return ApiErrorWriter.WriteAsync(http, status, described.Message, described.Details);
    }
}
