using System.Text.Json;
using System.Text.Json.Nodes;

namespace HFDesk.HubEmulator.Serving;

/// <summary>Repo info and search items in the Hub's shapes (field names as huggingface_hub and @huggingface/hub read them).</summary>
internal static class RepoInfoJson
{
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

    private static readonly HashSet<string> SpaceExpandKeys = new(StringComparer.Ordinal)
    {
        "author", "cardData", "createdAt", "datasets", "disabled", "gitalyUid", "lastModified", "likes", "models", "private",
        "resourceGroup", "runtime", "sdk", "sha", "siblings", "subdomain", "tags", "trendingScore", "usedStorage", "xetEnabled",
    };

    private static readonly string[] ModelSearchKeys = ["_id", "id", "likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag", "library_name", "createdAt", "modelId"];

    private static readonly string[] DatasetSearchKeys = ["_id", "id", "author", "disabled", "gated", "lastModified", "likes", "trendingScore", "private", "sha", "description", "downloads", "tags", "createdAt"];

    private static readonly string[] SpaceSearchKeys = ["_id", "id", "author", "likes", "trendingScore", "private", "sdk", "tags", "createdAt", "lastModified"];

    private static readonly string[] FullSearchExtras = ["author", "gated", "lastModified", "sha", "siblings", "disabled", "cardData", "library_name", "pipeline_tag"];

    public static bool IsValidExpand(RepoKind kind, string key, RepoFixture? repo = null) =>
        (kind switch
        {
            RepoKind.Dataset => DatasetExpandKeys,
            RepoKind.Space => SpaceExpandKeys,
            _ => ModelExpandKeys,
        }).Contains(key) || (repo?.InfoFields.ContainsKey(key) ?? false);

    public static IReadOnlyCollection<string> ExpandKeys(RepoKind kind) => kind switch
    {
        RepoKind.Dataset => DatasetExpandKeys,
        RepoKind.Space => SpaceExpandKeys,
        _ => ModelExpandKeys,
    };

    public static IReadOnlyList<string> SearchKeys(RepoKind kind, bool full)
    {
        var keys = kind switch
        {
            RepoKind.Dataset => DatasetSearchKeys,
            RepoKind.Space => SpaceSearchKeys,
            _ => ModelSearchKeys,
        };
        return full ? [.. keys.Concat(FullSearchExtras).Distinct()] : keys;
    }

    /// <summary>Every field the emulator knows for the repo at <paramref name="revision"/>; callers pick the ones to send.</summary>
    public static JsonObject Build(RepoFixture repo, FixtureRevision revision, bool detailedSiblings)
    {
        var info = new JsonObject
        {
            ["_id"] = repo.MongoId,
            ["id"] = repo.Id,
        };
        if (repo.Kind == RepoKind.Model)
        {
            info["modelId"] = repo.Id;
        }

        info["author"] = repo.Owner;
        info["sha"] = revision.Commit;
        info["lastModified"] = HubResponses.Iso(repo.LastModified);
        info["createdAt"] = HubResponses.Iso(repo.CreatedAt);
        info["private"] = repo.IsPrivate;
        info["gated"] = repo.GatedMode is null ? JsonValue.Create(false) : JsonValue.Create(repo.GatedMode);
        info["disabled"] = repo.IsDisabled;
        info["downloads"] = repo.Downloads;
        info["downloadsAllTime"] = repo.Downloads * 3;
        info["likes"] = repo.Likes;
        info["trendingScore"] = repo.TrendingScore;
        info["tags"] = new JsonArray([.. repo.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]);
        if (repo.Kind == RepoKind.Model)
        {
            // The Hub omits these when unknown rather than sending null.
            if (repo.PipelineTag is not null)
            {
                info["pipeline_tag"] = repo.PipelineTag;
            }

            if (repo.LibraryName is not null)
            {
                info["library_name"] = repo.LibraryName;
            }
        }

        info["cardData"] = repo.CardDataJson is null ? new JsonObject() : JsonNode.Parse(repo.CardDataJson);
        if (repo.Kind == RepoKind.Model && Config(revision) is { } config)
        {
            info["config"] = config;
        }

        if (repo.Kind == RepoKind.Dataset)
        {
            info["description"] = $"Emulated dataset {repo.Id}.";
            info["citation"] = null;
            info["paperswithcode_id"] = null;
        }

        if (repo.Kind == RepoKind.Space)
        {
            info["sdk"] = "gradio";
            info["subdomain"] = repo.Id.Replace('/', '-').ToLowerInvariant();
            info["models"] = new JsonArray();
            info["datasets"] = new JsonArray();
        }

        info["siblings"] = Siblings(revision, detailedSiblings);
        if (repo.Kind == RepoKind.Model)
        {
            info["spaces"] = new JsonArray();
        }

        info["usedStorage"] = revision.Files.Values.Sum(f => f.Size);
        info["xetEnabled"] = false;
        info["gitalyUid"] = repo.MongoId + "00000000";
        foreach (var (name, json) in repo.InfoFields)
        {
            info[name] = JsonNode.Parse(json);
        }

        return info;
    }

    /// <summary>Keeps <c>_id</c>, <c>id</c> and <paramref name="keys"/> (in the order given), dropping the rest.</summary>
    public static JsonObject Select(JsonObject all, IEnumerable<string> keys)
    {
        var result = new JsonObject
        {
            ["_id"] = all["_id"]?.DeepClone(),
            ["id"] = all["id"]?.DeepClone(),
        };
        foreach (var key in keys)
        {
            if (key is "_id" or "id" || result.ContainsKey(key))
            {
                continue;
            }

            if (all.TryGetPropertyValue(key, out var value))
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static JsonArray Siblings(FixtureRevision revision, bool detailed)
    {
        var siblings = new JsonArray();
        foreach (var file in revision.Files.Values)
        {
            var sibling = new JsonObject { ["rfilename"] = file.Path };
            if (detailed)
            {
                sibling["size"] = file.Size;
                sibling["blobId"] = file.GitOid;
                if (file.IsLfs)
                {
                    // Note the key: "sha256" here, "oid" in tree and paths-info entries.
                    sibling["lfs"] = new JsonObject { ["size"] = file.Size, ["sha256"] = file.Sha256, ["pointerSize"] = file.PointerSize };
                }
            }

            siblings.Add(sibling);
        }

        return siblings;
    }

    private static JsonObject? Config(FixtureRevision revision)
    {
        if (!revision.Files.TryGetValue("config.json", out var file) || file.Size > 256 * 1024 || file.IsLfs)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(file.ReadAllBytes()) is not JsonObject parsed)
            {
                return null;
            }

            var config = new JsonObject();
            foreach (var key in (string[])["architectures", "model_type", "quantization_config"])
            {
                if (parsed[key] is { } value)
                {
                    config[key] = value.DeepClone();
                }
            }

            return config;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
