using HFDesk.Core.Hub;
using Microsoft.AspNetCore.Http.Features;

namespace HFDesk.Server.HubServing;

/// <summary>
/// A <c>/hub</c> request parsed from the raw request target, split on raw '/' before decoding (hub-protocol §1.1):
/// Python sends <c>refs%2Fpr%2F1</c> as one segment, JS sends <c>/tree/refs/pr/1</c> raw, so the tree's revision
/// segments are kept apart for the index to match the longest known ref.
/// </summary>
internal sealed record HubRoute(HubRouteKind Kind, RepoType Type, RepoId Id, string? Revision, string Path, string[] TreeSegments)
{
    public const string Prefix = "/hub";

    private static readonly HubRoute Unknown = new(HubRouteKind.Unknown, RepoType.Model, default, null, "", []);

    public bool IsUnknown => Kind == HubRouteKind.Unknown;

    /// <summary>The raw path under <c>/hub</c> and the raw query, for Link headers and upstream forwarding.</summary>
    public static (string RawPath, string RawQuery) RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            raw = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        }

        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var query = question < 0 ? "" : raw[(question + 1)..];
        return (path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : path, query);
    }

    public static HubRoute Parse(string rawPath, string method)
    {
        var segs = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (segs.Length >= 4 && segs[0] == "api" && Plural(segs[1]) is { } apiType && RepoId.TryParse(segs[2] + "/" + segs[3], out var apiId))
        {
            var rest = segs[4..];
            return rest switch
            {
                [] when read => new HubRoute(HubRouteKind.RepoInfo, apiType, apiId, null, "", []),
                ["revision", .. var rev] when read && rev.Length > 0 => new HubRoute(HubRouteKind.RepoInfo, apiType, apiId, string.Join('/', rev), "", []),
                ["tree", .. var tree] when read && tree.Length > 0 => new HubRoute(HubRouteKind.Tree, apiType, apiId, tree[0], "", tree),
                ["paths-info", .. var rev] when HttpMethods.IsPost(method) && rev.Length > 0 => new HubRoute(HubRouteKind.PathsInfo, apiType, apiId, string.Join('/', rev), "", []),
                ["refs"] when read => new HubRoute(HubRouteKind.Refs, apiType, apiId, null, "", []),
                _ => Unknown,
            };
        }

        if (!read || segs.Length == 0)
        {
            return Unknown;
        }

        var type = segs[0] == "datasets" ? RepoType.Dataset : RepoType.Model;
        var start = type == RepoType.Dataset ? 1 : 0;
        if (segs.Length >= start + 5 && segs[start + 2] is "resolve" or "raw" && RepoId.TryParse(segs[start] + "/" + segs[start + 1], out var id))
        {
            var kind = segs[start + 2] == "raw" ? HubRouteKind.Raw : HubRouteKind.Resolve;
            return new HubRoute(kind, type, id, segs[start + 3], string.Join('/', segs[(start + 4)..]), []);
        }

        return Unknown;
    }

    private static RepoType? Plural(string segment) => segment switch
    {
        "models" => RepoType.Model,
        "datasets" => RepoType.Dataset,
        _ => null,
    };
}
