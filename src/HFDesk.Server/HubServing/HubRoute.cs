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
        if (segs.Length >= 3 && segs[0] == "api" && Plural(segs[1]) is { } apiType)
        {
            // A repo without an owner (gpt2) shares the shape of owner/name: "/api/models/gpt2/refs" is gpt2's refs,
            // not the repo gpt2/refs. A route word in the fourth segment means one segment of id; otherwise two,
            // and one when two make no route.
            var ownerFirst = segs.Length == 3 || segs[3] is not ("revision" or "tree" or "paths-info" or "refs");
            var owned = segs.Length >= 4 && RepoId.TryParse(segs[2] + "/" + segs[3], out var ownedId)
                ? Api(apiType, ownedId, segs[4..], method, read)
                : Unknown;
            var unowned = RepoId.TryParse(segs[2], out var singleId) ? Api(apiType, singleId, segs[3..], method, read) : Unknown;
            return ownerFirst ? (owned.IsUnknown ? unowned : owned) : (unowned.IsUnknown ? owned : unowned);
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

        if (segs.Length >= start + 4 && segs[start + 1] is "resolve" or "raw" && RepoId.TryParse(segs[start], out var single))
        {
            var kind = segs[start + 1] == "raw" ? HubRouteKind.Raw : HubRouteKind.Resolve;
            return new HubRoute(kind, type, single, segs[start + 2], string.Join('/', segs[(start + 3)..]), []);
        }

        return Unknown;
    }

    private static HubRoute Api(RepoType type, RepoId id, string[] rest, string method, bool read) => rest switch
    {
        [] when read => new HubRoute(HubRouteKind.RepoInfo, type, id, null, "", []),
        ["revision", .. var rev] when read && rev.Length > 0 => new HubRoute(HubRouteKind.RepoInfo, type, id, string.Join('/', rev), "", []),
        ["tree", .. var tree] when read && tree.Length > 0 => new HubRoute(HubRouteKind.Tree, type, id, tree[0], "", tree),
        ["paths-info", .. var rev] when HttpMethods.IsPost(method) && rev.Length > 0 => new HubRoute(HubRouteKind.PathsInfo, type, id, string.Join('/', rev), "", []),
        ["refs"] when read => new HubRoute(HubRouteKind.Refs, type, id, null, "", []),
        _ => Unknown,
    };

    private static RepoType? Plural(string segment) => segment switch
    {
        "models" => RepoType.Model,
        "datasets" => RepoType.Dataset,
        _ => null,
    };
}
