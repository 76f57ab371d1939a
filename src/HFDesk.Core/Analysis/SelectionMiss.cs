using HFDesk.Core.Hub;
using HFDesk.Core.Planning;

namespace HFDesk.Core.Analysis;

/// <summary>
/// The sentence for a filter that selects no file: what was asked and what the repo offers instead (its GGUF
/// quantizations, else a few of its file names), so a typo is fixed without opening the Hub.
/// </summary>
internal static class SelectionMiss
{
    private const int MaxNamesShown = 12;

    public static string Describe(RepoId repo, IReadOnlyList<RepoFile> tree, FilterSpec filter)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(filter);
        var asked = filter.Filters.Count > 0 ? "filters " + string.Join(", ", filter.Filters) : "the selection";
        var excluded = filter.Excludes.Count > 0 ? " (excluding " + string.Join(", ", filter.Excludes) + ")" : "";
        var quants = tree
            .Select(f => GgufFileName.TryParse(f.Path))
            .Where(n => n is { Role: GgufFileRole.Model, Quantization: not null })
            .Select(n => n!.Quantization!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var offer = quants.Count > 0
            ? "available quantizations: " + string.Join(", ", quants)
            : tree.Count == 0
                ? "the repository has no files"
                : "its files include " + string.Join(", ", tree.Take(MaxNamesShown).Select(f => f.Path)) + (tree.Count > MaxNamesShown ? ", …" : "");
        return $"No file of {repo} matches {asked}{excluded}; {offer}";
    }
}
