using System.Text;
using System.Text.Json.Nodes;

namespace HFDesk.Server.HubServing;

/// <summary>Answers in the Hub's own shapes (not /api's envelope): clients parse these exactly as they parse the Hub's.</summary>
internal static class HubResponses
{
    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>X-Error-Code</c> decides which exception Python raises; over http:// it is the only way a 401 becomes
    /// RepoNotFound. JS reads <c>{"error":…}</c>.
    /// </summary>
    public static Task ErrorAsync(HttpContext context, int status, string? code, string message)
    {
        if (code is not null)
        {
            context.Response.Headers["X-Error-Code"] = code;
        }

        // Header values must stay ASCII: a repo path in the message could carry anything.
        context.Response.Headers["X-Error-Message"] = new string([.. message.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return JsonAsync(context, new JsonObject { ["error"] = message }, status);
    }

    public static async Task JsonAsync(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
