using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/analyze/{owner}/{repo}</c>; snake_case on the wire, as the seed contract shows it (names spelled per property).</summary>
internal sealed record AnalyzeResponse
{
    public required string Repo { get; init; }

    [JsonPropertyName("is_dataset")]
    public bool IsDataset { get; init; }

    public required string Type { get; init; }

    [JsonPropertyName("type_description")]
    public required string TypeDescription { get; init; }

    public required string Revision { get; init; }

    public required string Commit { get; init; }

    [JsonPropertyName("file_count")]
    public int FileCount { get; init; }

    [JsonPropertyName("total_size")]
    public long TotalSize { get; init; }

    [JsonPropertyName("total_size_human")]
    public required string TotalSizeHuman { get; init; }

    public required IReadOnlyList<AnalyzeFile> Files { get; init; }

    public AnalyzeGguf? Gguf { get; init; }

    public AnalyzeDiffusers? Diffusers { get; init; }

    public AnalyzeDataset? Dataset { get; init; }

    public AnalyzeModel? Model { get; init; }

    [JsonPropertyName("selectable_items")]
    public required IReadOnlyList<AnalyzeItem> SelectableItems { get; init; }

    [JsonPropertyName("recommended_filters")]
    public required IReadOnlyList<string> RecommendedFilters { get; init; }

    [JsonPropertyName("recommended_download")]
    public required AnalyzeDownloadBody RecommendedDownload { get; init; }

    /// <summary>What planning <see cref="RecommendedDownload"/> fetches, so a client can show it before sending.</summary>
    [JsonPropertyName("recommended_files")]
    public required IReadOnlyList<string> RecommendedFiles { get; init; }

    [JsonPropertyName("also_dataset")]
    public bool AlsoDataset { get; init; }

    [JsonPropertyName("analyzed_at")]
    public DateTimeOffset AnalyzedAt { get; init; }

    /// <summary><c>false</c>, <c>"auto"</c> or <c>"manual"</c>, as the Hub writes it.</summary>
    public JsonElement Gated { get; init; }

    public bool Private { get; init; }

    public long Downloads { get; init; }

    public long Likes { get; init; }

    [JsonPropertyName("last_modified")]
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The repo's page on the Hub (where a gated repo's terms are accepted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("repo_url")]
    public string? RepoUrl { get; init; }

    /// <summary>Branches and tags for a revision picker; null when the Hub would not list them.</summary>
    public AnalyzeRefs? Refs { get; init; }

    /// <summary>README.md rendered to sanitized HTML; null when the repo has none.</summary>
    public string? Readme { get; init; }
}
