using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>Cursor paging with the absolute <c>Link</c> header both clients follow.</summary>
internal static class Pagination
{
    public static int DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(Uri.UnescapeDataString(cursor)));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    // JS parses Link with /<(https?:[/][/][^>]*)>;\s+rel="([^"]*)"/: absolute URL and a space after ';'.
    public static void SetNextLink(HttpContext context, RequestTarget target, int offset, Uri? host = null)
    {
        var cursor = Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o:{offset}"))));
        var query = string.Join('&', target.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("cursor=", StringComparison.Ordinal)).Append("cursor=" + cursor));
        var url = (host is null ? $"{context.Request.Scheme}://{context.Request.Host}" : $"{host.Scheme}://{host.Authority}") + $"{target.RawPath}?{query}";
        context.Response.Headers.Link = $"<{url}>; rel=\"next\"";
    }
}
