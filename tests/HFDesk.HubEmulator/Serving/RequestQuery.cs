using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>Query and header reading shared by the routes.</summary>
internal static class RequestQuery
{
    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    public static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    public static List<string> Values(HttpContext context, params string[] names) =>
        [.. names.SelectMany(n => context.Request.Query.TryGetValue(n, out var v) ? v.Where(s => s is not null).Select(s => s!) : [])];
}
