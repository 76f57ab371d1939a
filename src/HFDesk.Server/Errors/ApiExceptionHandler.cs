using System.Globalization;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HFDesk.Server.Errors;

/// <summary>
/// The one place that turns failures into the error envelope and logs them. Messages are ours or the Hub's
/// classified sentence; never an exception's stack or a request header.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        var path = request.Path.Value ?? "";
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        switch (exception)
        {
            case HubException hub:
                var status = HubErrorStatus.For(hub);
                ServerLog.HubFailure(logger, request.Method, path, hub.Kind, status);
                if (hub.RetryAfter is { } retryAfter)
                {
                    httpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await ApiErrorWriter.WriteAsync(httpContext, status, hub.Message, hub.RepoUrl is null ? null : $"Repository page: {hub.RepoUrl}");
                return true;

            case UnsafePathException unsafePath:
                // Repo paths and oids come from the Hub: one HFDesk will not store is upstream nonsense, named (issue 12).
                ServerLog.UnusableHubData(logger, request.Method, path, unsafePath.Message);
                await ApiErrorWriter.WriteAsync(
                    httpContext, StatusCodes.Status502BadGateway, "The Hub sent a file HFDesk will not store", unsafePath.Message);
                return true;

            case BadHttpRequestException bad:
                var (badStatus, message, details) = Describe(bad);
                var reason = details ?? message;
                ServerLog.BadRequest(logger, request.Method, path, reason);
                await ApiErrorWriter.WriteAsync(httpContext, badStatus, message, details);
                return true;

            case JsonException json:
                var jsonReason = json.Message;
                ServerLog.BadRequest(logger, request.Method, path, jsonReason);
                await ApiErrorWriter.WriteAsync(httpContext, StatusCodes.Status400BadRequest, "Invalid request body", json.Message);
                return true;

            default:
                ServerLog.Unhandled(logger, exception, request.Method, path);
                await ApiErrorWriter.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "Internal server error");
                return true;
        }
    }

    private static (int Status, string Message, string? Details) Describe(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The limit is {HfDeskServer.MaxRequestBodyBytes / 1024 / 1024} MiB.");
        }

        if (exception.InnerException is JsonException json)
        {
            return (StatusCodes.Status400BadRequest, "Invalid request body", json.Message);
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (StatusCodes.Status400BadRequest, "Invalid request body", "The body must be JSON (Content-Type: application/json).");
        }

        // Binding failures name the parameter and the bad value, which is what the caller needs.
        return (StatusCodes.Status400BadRequest, "Invalid request", exception.Message);
    }
}
