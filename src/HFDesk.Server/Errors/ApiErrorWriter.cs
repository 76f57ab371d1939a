namespace HFDesk.Server.Errors;

/// <summary>Writes the error envelope for middleware that answers before any endpoint runs.</summary>
internal static class ApiErrorWriter
{
    public static Task WriteAsync(HttpContext context, int status, string message, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(
            ErrorEnvelope.Create(ApiErrorCodes.ForStatus(status), message, details),
            ApiJsonContext.Default.ErrorEnvelope,
            contentType: "application/json; charset=utf-8",
            cancellationToken: context.RequestAborted);
    }

    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
