using HFDesk.Core.Units;

namespace HFDesk.Core.Analysis;

/// <summary>Anything without recognizable weights or data: everything is recommended, folders are items.</summary>
internal static class GenericDetector
{
    public static FamilyAnalysis Analyze(AnalysisContext context)
    {
        var folders = context.Files.Where(f => f.Path.Contains('/', StringComparison.Ordinal))
            .GroupBy(f => f.Path[..f.Path.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal)
            .Select(g => new SelectableItem
            {
                Id = $"folder-{g.Key.ToLowerInvariant()}",
                Label = g.Key + "/",
                FilterValue = g.Key + "/",
                Category = "folder",
                Recommended = true,
                Files = [.. g.Select(f => f.Path)],
                Size = g.Sum(f => f.Size),
            })
            .ToList();
        return new FamilyAnalysis
        {
            Kind = RepoKind.Generic,
            Description = $"Repository without recognized model weights: {context.Files.Count} files, {ByteSize.Format(context.TotalSize)}; download everything",
            Items = folders,
            RecommendedFiles = context.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal),
        };
    }
}
