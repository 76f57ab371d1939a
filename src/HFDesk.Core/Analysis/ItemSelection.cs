using System.Diagnostics.CodeAnalysis;
using HFDesk.Core.Planning;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Expands analyzer item ids (<c>q4_k_m</c>, <c>mmproj-f16</c>) into the filter a download runs with, the way the
/// recommendation is built: the items' files plus the analysis's companion files, encoded and checked by
/// <see cref="RecommendedDownloadEncoder"/>. The browser, a script and the CLI thus download the same files
/// for the same ticks.
/// </summary>
internal static class ItemSelection
{
    public static bool TryExpand(
        RepoAnalysis analysis,
        IEnumerable<string> itemIds,
        [NotNullWhen(true)] out FilterSpec? filter,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(itemIds);
        var wanted = itemIds.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var chosen = new List<SelectableItem>();
        var unknown = new List<string>();
        foreach (var id in wanted)
        {
            var item = analysis.SelectableItems.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                unknown.Add(id);
            }
            else
            {
                chosen.Add(item);
            }
        }

        if (unknown.Count > 0 || chosen.Count == 0)
        {
            filter = null;
            var what = unknown.Count > 0 ? $"{analysis.Repo} has no item {string.Join(", ", unknown.Select(u => $"'{u}'"))}" : "No item was named";
            error = $"{what}; {Available(analysis)}";
            return false;
        }

        var target = chosen.SelectMany(i => i.Files).Concat(analysis.CompanionFiles).ToHashSet(StringComparer.Ordinal);
        filter = RecommendedDownloadEncoder.Encode(analysis.Files, target, [.. chosen.Select(i => i.FilterValue)], analysis.PreferItemFilters);
        error = null;
        return true;
    }

    /// <summary>"available items: q8_0, q4_k_m (recommended), mmproj-f16".</summary>
    public static string Available(RepoAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.SelectableItems.Count == 0
            ? "it has no selectable items (download it whole)"
            : "available items: " + string.Join(", ", analysis.SelectableItems.Select(i => i.Recommended ? i.Id + " (recommended)" : i.Id));
    }
}
