using HFDesk.Core.Hub;

namespace HFDesk.Core.Analysis;

/// <summary>The analyzer's answer; the API renders it in snake_case, the CLI as a table.</summary>
internal sealed record RepoAnalysis
{
    public required RepoId Repo { get; init; }

    public bool IsDataset { get; init; }

    public required RepoKind Kind { get; init; }

    public required string TypeDescription { get; init; }

    public required string Revision { get; init; }

    public required string Commit { get; init; }

    public required IReadOnlyList<RepoFile> Files { get; init; }

    public long TotalSize => Files.Sum(f => f.Size);

    public required IReadOnlyList<SelectableItem> SelectableItems { get; init; }

    public required IReadOnlyList<string> RecommendedFilters { get; init; }

    public required RecommendedDownload RecommendedDownload { get; init; }

    /// <summary>The paths the recommended download fetches, in tree order.</summary>
    public required IReadOnlyList<string> RecommendedFiles { get; init; }

    /// <summary>
    /// The files every selection takes besides its items' own (README, config, tokenizer…): what the
    /// recommendation adds to its items, so an item choice expands exactly as the recommendation does.
    /// </summary>
    public IReadOnlyList<string> CompanionFiles { get; init; } = [];

    /// <summary>Prefer the items' filter values when encoding a selection (GGUF: "q4_k_m" reads better than a file list).</summary>
    public bool PreferItemFilters { get; init; }

    public GgufSummary? Gguf { get; init; }

    public DiffusersSummary? Diffusers { get; init; }

    public DatasetSummary? Dataset { get; init; }

    public ModelSummary? Model { get; init; }

    /// <summary>Set by the caller when the same id also exists as a dataset (asked as a model).</summary>
    public bool AlsoDataset { get; init; }

    public DateTimeOffset AnalyzedAt { get; init; }

    /// <summary>What the Hub says of the repo (set by <see cref="RemoteRepoAnalyzer"/>; null for a local tree).</summary>
    public RepoHubFacts? Hub { get; init; }
}
