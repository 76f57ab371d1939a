using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HFDesk.HubEmulator.Serving;

/// <summary>
/// The request path split on raw '/' before any decoding, so an encoded revision (<c>refs%2Fpr%2F1</c>)
/// stays one segment while a raw one (<c>refs/pr/1</c>, sent by JS in /tree) spans several.
/// </summary>
internal sealed class RequestTarget
{
    private RequestTarget(string rawPath, string rawQuery)
    {
        RawPath = rawPath;
        RawQuery = rawQuery;
        RawSegments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Segments = [.. RawSegments.Select(Uri.UnescapeDataString)];
        DecodedPath = Uri.UnescapeDataString(rawPath);
    }

    public string RawPath { get; }

    public string RawQuery { get; }

    public string[] RawSegments { get; }

    public string[] Segments { get; }

    public string DecodedPath { get; }

    public static RequestTarget From(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            raw = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? new RequestTarget(raw, "") : new RequestTarget(raw[..question], raw[(question + 1)..]);
    }

    /// <summary>Joins decoded segments <paramref name="start"/>.. with '/'.</summary>
    public string Join(int start, int? end = null) => string.Join('/', Segments[start..(end ?? Segments.Length)]);
}
