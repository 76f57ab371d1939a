using HFDesk.Core.Hub;

namespace HFDesk.Core.Analysis;

/// <summary>Everything a detector may look at: the tree, the parsed metadata files and the Hub's hints.</summary>
internal sealed record AnalysisContext(IReadOnlyList<RepoFile> Files, RepoMetadata Metadata, RepoHints Hints, bool IsDataset, GgufFitInputs? GgufFit = null)
{
    public long TotalSize => Files.Sum(f => f.Size);

    public bool HasFile(string path) => Files.Any(f => string.Equals(f.Path, path, StringComparison.Ordinal));
}
