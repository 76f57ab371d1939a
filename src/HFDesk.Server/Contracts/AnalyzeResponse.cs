using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/analyze/{owner}/{repo}</c>; snake_case on the wire (see <see cref="AnalyzeJsonContext"/>).</summary>
internal sealed record AnalyzeResponse
{
    public required string Repo { get; init; }

    public bool IsDataset { get; init; }

    public required string Type { get; init; }

    public required string TypeDescription { get; init; }

    public required string Revision { get; init; }

    public required string Commit { get; init; }

    public int FileCount { get; init; }

    public long TotalSize { get; init; }

    public required string TotalSizeHuman { get; init; }

    public required IReadOnlyList<AnalyzeFile> Files { get; init; }

    public AnalyzeGguf? Gguf { get; init; }

    public AnalyzeDiffusers? Diffusers { get; init; }

    public AnalyzeDataset? Dataset { get; init; }

    public AnalyzeModel? Model { get; init; }

    public required IReadOnlyList<AnalyzeItem> SelectableItems { get; init; }

    public required IReadOnlyList<string> RecommendedFilters { get; init; }

    public required AnalyzeDownloadBody RecommendedDownload { get; init; }

    /// <summary>What planning <see cref="RecommendedDownload"/> fetches, so a client can show it before sending.</summary>
    public required IReadOnlyList<string> RecommendedFiles { get; init; }

    public bool AlsoDataset { get; init; }

    public DateTimeOffset AnalyzedAt { get; init; }

    /// <summary><c>false</c>, <c>"auto"</c> or <c>"manual"</c>, as the Hub writes it.</summary>
    public JsonElement Gated { get; init; }

    public bool Private { get; init; }

    public long Downloads { get; init; }

    public long Likes { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The repo's page on the Hub (where a gated repo's terms are accepted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RepoUrl { get; init; }

    /// <summary>Branches and tags for a revision picker; null when the Hub would not list them.</summary>
    public AnalyzeRefs? Refs { get; init; }

    /// <summary>README.md rendered to sanitized HTML; null when the repo has none.</summary>
    public string? Readme { get; init; }
}
