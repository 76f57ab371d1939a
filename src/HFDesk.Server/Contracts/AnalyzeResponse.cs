namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/analyze/{owner}/{repo}</c>; snake_case on the wire (see <see cref="AnalyzeJsonContext"/>).</summary>
public sealed record AnalyzeResponse
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
}
