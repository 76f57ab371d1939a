using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HFDesk.Core.Hub;
using HFDesk.Core.HubServing;

namespace HFDesk.Server.HubServing;

/// <summary>Repo info, tree, paths-info and refs in the Hub's shapes (hub-protocol §1.3–1.6), never with <c>xetHash</c> (§5).</summary>
internal static class HubJson
{
    // The Hub's own expand keys: anything else is its 400, which clients (JS repoExists) rely on being strict.
    private static readonly HashSet<string> ModelExpandKeys = new(StringComparer.Ordinal)
    {
        "author", "baseModels", "cardData", "childrenModelCount", "config", "createdAt", "disabled", "downloads",
        "downloadsAllTime", "evalResults", "gated", "gguf", "gitalyUid", "inference", "inferenceProviderMapping", "lastModified",
        "library_name", "likes", "mask_token", "model-index", "pipeline_tag", "private", "resourceGroup", "safetensors",
        "sha", "siblings", "spaces", "tags", "transformersInfo", "trendingScore", "widgetData", "usedStorage", "xetEnabled",
    };

    private static readonly HashSet<string> DatasetExpandKeys = new(StringComparer.Ordinal)
    {
        "author", "cardData", "citation", "createdAt", "description", "disabled", "downloads", "downloadsAllTime",
        "gated", "gitalyUid", "lastModified", "likes", "paperswithcode_id", "private", "resourceGroup", "sha", "siblings", "tags",
        "trendingScore", "usedStorage", "xetEnabled",
    };

    public static string? InvalidExpand(RepoType type, IEnumerable<string> expand) =>
        expand.FirstOrDefault(e => !(type == RepoType.Dataset ? DatasetExpandKeys : ModelExpandKeys).Contains(e));

    public static IEnumerable<string> ExpandKeys(RepoType type) => type == RepoType.Dataset ? DatasetExpandKeys : ModelExpandKeys;

    public static JsonObject RepoInfo(ServedRepo repo, ServedRevision revision, HubRepoFacts facts, IReadOnlyList<string> expand, bool blobs)
    {
        var id = repo.Id.ToString();
        var all = new JsonObject
        {
            ["_id"] = MongoId(repo),
            ["id"] = id,
        };
        if (repo.Type == RepoType.Model)
        {
            all["modelId"] = id;
        }

        // A repo without an owner (gpt2) has no author to name: absent, as clients already allow, rather than "".
        if (repo.Id.HasOwner)
        {
            all["author"] = repo.Id.Owner;
        }

        all["sha"] = revision.Commit;
        all["lastModified"] = HubResponses.Iso(revision.LastModified);
        all["createdAt"] = HubResponses.Iso(facts.CreatedAt ?? revision.LastModified);
        all["private"] = facts.Private;
        all["gated"] = facts.Gated is null ? JsonValue.Create(false) : JsonValue.Create(facts.Gated);
        all["disabled"] = false;
        all["downloads"] = 0;
        all["likes"] = 0;
        all["tags"] = new JsonArray();
        all["siblings"] = new JsonArray([.. revision.Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => (JsonNode)Sibling(f, blobs))]);
        if (expand.Count == 0)
        {
            return all;
        }

        // With expand the Hub returns only _id, id and the listed properties.
        var selected = new JsonObject { ["_id"] = all["_id"]!.DeepClone(), ["id"] = id };
        foreach (var key in expand.Distinct(StringComparer.Ordinal))
        {
            if (all[key] is { } value)
            {
                selected[key] = value.DeepClone();
            }
        }

        return selected;
    }

    public static JsonObject File(ServedFile file, ServedRevision revision, bool expand)
    {
        var entry = new JsonObject
        {
            ["type"] = "file",
            ["oid"] = file.GitOid,
            ["size"] = file.Size,
            ["path"] = file.Path,
        };
        if (file.LfsSha256 is { } sha256)
        {
            entry["lfs"] = new JsonObject { ["oid"] = sha256, ["size"] = file.Size, ["pointerSize"] = file.PointerSize };
        }

        if (expand)
        {
            entry["lastCommit"] = LastCommit(revision, "Upload " + file.Path);
        }

        return entry;
    }

    public static JsonObject Directory(ServedRevision revision, string path, bool expand)
    {
        var entry = new JsonObject
        {
            ["type"] = "directory",
            ["oid"] = ServedTree.DirectoryOid(revision, path),
            ["size"] = 0,
            ["path"] = path,
        };
        if (expand)
        {
            entry["lastCommit"] = LastCommit(revision, "Upload folder " + path);
        }

        return entry;
    }

    public static JsonObject Refs(ServedRepo repo, bool includePrs)
    {
        JsonObject Ref(string name, string fullRef, string commit) => new() { ["name"] = name, ["ref"] = fullRef, ["targetCommit"] = commit };
        var branches = new JsonArray();
        var converts = new JsonArray();
        var prs = new JsonArray();
        foreach (var (name, commit) in repo.Refs.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (name.StartsWith("refs/pr/", StringComparison.Ordinal))
            {
                prs.Add(Ref(name["refs/pr/".Length..], name, commit));
            }
            else if (name.StartsWith("refs/convert/", StringComparison.Ordinal))
            {
                converts.Add(Ref(name["refs/convert/".Length..], name, commit));
            }
            else if (!name.StartsWith("refs/", StringComparison.Ordinal))
            {
                // The cache keeps branches and tags alike as refs/<name>: they are listed as branches.
                branches.Add(Ref(name, "refs/heads/" + name, commit));
            }
        }

        var body = new JsonObject { ["branches"] = branches, ["converts"] = converts, ["tags"] = new JsonArray() };
        if (includePrs)
        {
            body["pullRequests"] = prs;
        }

        return body;
    }

    private static JsonObject Sibling(ServedFile file, bool blobs)
    {
        var sibling = new JsonObject { ["rfilename"] = file.Path };
        if (!blobs)
        {
            return sibling;
        }

        sibling["size"] = file.Size;
        sibling["blobId"] = file.GitOid;
        if (file.LfsSha256 is { } sha256)
        {
            // sha256 here, oid in tree and paths-info: the Hub's own inconsistency, which clients follow.
            sibling["lfs"] = new JsonObject { ["size"] = file.Size, ["sha256"] = sha256, ["pointerSize"] = file.PointerSize };
        }

        return sibling;
    }

    private static JsonObject LastCommit(ServedRevision revision, string title) => new()
    {
        ["id"] = revision.Commit,
        ["title"] = title,
        ["date"] = HubResponses.Iso(revision.LastModified),
    };

    // A stable 24-hex stand-in for the Hub's Mongo id (JS exposes it as .id).
    private static string MongoId(ServedRepo repo) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repo.Type.ApiSegment() + "/" + repo.Id)))[..24];
}
