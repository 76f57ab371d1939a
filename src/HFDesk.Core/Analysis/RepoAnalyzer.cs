using HFDesk.Core.Planning;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Works out what a repository holds and what to download: runs the family detectors in order (the first
/// that recognizes the tree wins) and turns the recommendation into a download body checked against
/// <see cref="FileSelector"/>.
/// </summary>
internal sealed class RepoAnalyzer(TimeProvider timeProvider)
{
    /// <summary>Metadata files larger than this are not read (configs are a few KB; a huge one is not a config).</summary>
    public const long MaxMetadataBytes = 512 * 1024;

    public async Task<RepoAnalysis> AnalyzeAsync(
        RepoSnapshot snapshot,
        MetadataFileReader? readMetadata,
        RepoHints? hints,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = await LoadMetadataAsync(snapshot, readMetadata, cancellationToken);
        return Analyze(snapshot, metadata, hints ?? RepoHints.None);
    }

    internal static async Task<RepoMetadata> LoadMetadataAsync(RepoSnapshot snapshot, MetadataFileReader? readMetadata, CancellationToken cancellationToken) =>
        snapshot.IsDataset
            ? RepoMetadata.Empty
            : await RepoMetadata.LoadAsync(snapshot.Files, readMetadata, MaxMetadataBytes, cancellationToken);

    internal RepoAnalysis Analyze(RepoSnapshot snapshot, RepoMetadata metadata, RepoHints hints, GgufFitInputs? ggufFit = null)
    {
        var context = new AnalysisContext(snapshot.Files, metadata, hints, snapshot.IsDataset, ggufFit);
        var family = Detect(context);

        var recommendedItems = family.Items.Where(i => i.Recommended).ToList();
        var itemFilters = recommendedItems.Select(i => i.FilterValue).ToList();
        var spec = RecommendedDownloadEncoder.Encode(snapshot.Files, family.RecommendedFiles, itemFilters, family.PreferItemFilters);
        var download = new RecommendedDownload
        {
            Repo = snapshot.Repo.ToString(),
            Revision = string.Equals(snapshot.Revision, "main", StringComparison.Ordinal) ? null : snapshot.Revision,
            Dataset = snapshot.IsDataset,
            Filters = spec.Filters,
            Excludes = spec.Excludes,
            ExactMatch = spec.ExactMatch,
        };

        return new RepoAnalysis
        {
            Repo = snapshot.Repo,
            IsDataset = snapshot.IsDataset,
            Kind = family.Kind,
            TypeDescription = family.Description,
            Revision = snapshot.Revision,
            Commit = snapshot.Commit,
            Files = snapshot.Files,
            SelectableItems = family.Items,
            RecommendedFilters = itemFilters,
            RecommendedDownload = download,
            RecommendedFiles = [.. FileSelector.Select(snapshot.Files, spec).Select(f => f.Path)],
            CompanionFiles = [.. family.RecommendedFiles.Except(recommendedItems.SelectMany(i => i.Files), StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            PreferItemFilters = family.PreferItemFilters,
            Gguf = family.Gguf,
            Diffusers = family.Diffusers,
            Dataset = family.Dataset,
            Model = family.Model,
            AnalyzedAt = timeProvider.GetUtcNow(),
        };
    }

    private static FamilyAnalysis Detect(AnalysisContext context)
    {
        if (context.IsDataset)
        {
            return DatasetDetector.Analyze(context);
        }

        return DiffusersDetector.TryAnalyze(context)
            ?? GgufDetector.TryAnalyze(context)
            ?? ModelFamilyDetector.TryAnalyze(context)
            ?? GenericDetector.Analyze(context);
    }
}
