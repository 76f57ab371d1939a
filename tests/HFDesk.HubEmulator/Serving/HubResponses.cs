using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

internal static class HubResponses
{
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Errors as the Hub sends them: <c>X-Error-Code</c> (which Python maps to its exception types; over
    /// http:// it is the only way a 401 becomes RepoNotFound), <c>X-Error-Message</c> and <c>{"error":…}</c>.
    /// </summary>
    public static Task ErrorAsync(HttpContext context, RequestLog.Entry entry, int status, string? code, string message)
    {
        if (code is not null)
        {
            context.Response.Headers["X-Error-Code"] = code;
        }

        context.Response.Headers["X-Error-Message"] = message;
        return JsonAsync(context, entry, new JsonObject { ["error"] = message }, status);
    }

    public static async Task JsonAsync(HttpContext context, RequestLog.Entry entry, JsonNode body, int status = StatusCodes.Status200OK)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        entry.AddBytes(bytes.Length);
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
