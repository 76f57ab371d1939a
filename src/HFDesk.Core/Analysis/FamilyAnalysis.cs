namespace HFDesk.Core.Analysis;

/// <summary>What one detector found: the kind, the items, and the exact files the recommendation stands for.</summary>
internal sealed record FamilyAnalysis
{
    public required RepoKind Kind { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<SelectableItem> Items { get; init; }

    /// <summary>Paths a download of the recommendation must fetch: the recommended items plus what makes them usable.</summary>
    public required IReadOnlySet<string> RecommendedFiles { get; init; }

    /// <summary>
    /// Express the recommendation with the recommended items' filter values when they select exactly
    /// <see cref="RecommendedFiles"/> (GGUF); otherwise the encoder picks the shorter of filters or excludes.
    /// </summary>
    public bool PreferItemFilters { get; init; }

    public GgufSummary? Gguf { get; init; }

    public DiffusersSummary? Diffusers { get; init; }

    public DatasetSummary? Dataset { get; init; }

    public ModelSummary? Model { get; init; }
}
