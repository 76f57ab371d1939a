using System.Text.RegularExpressions;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Planning;

/// <summary>
/// Picks the files of a tree that a <see cref="FilterSpec"/> asks for. No filters takes everything; excludes
/// always win. When the filters hit GGUF files the selection switches to GGUF rules: every shard of a hit split
/// quant, only the GGUF files that were hit (so "q4_k_m" does not drag in other quants through a shared
/// folder), plus the root README/licence, which is what makes a single quant a usable download.
/// </summary>
internal static partial class FileSelector
{
    public static IReadOnlyList<RepoFile> Select(IReadOnlyList<RepoFile> files, FilterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(spec);

        var excludes = spec.Excludes.Select(e => FileSelectorPattern.Create(e, spec.ExactMatch)).ToArray();
        var chosen = Choose(files, spec);
        return [.. files.Where(f => chosen(f) && !excludes.Any(p => p.IsMatch(f.Path)))];
    }

    /// <summary>True when <paramref name="filter"/> matches <paramref name="path"/> under the given mode.</summary>
    public static bool Matches(string filter, string path, bool exactMatch) =>
        FileSelectorPattern.Create(filter, exactMatch).IsMatch(path);

    public static bool IsGguf(string path) => path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The path with its <c>-00001-of-00003</c> shard marker removed, so all shards of one split GGUF share a
    /// key; null when the path is not a shard.
    /// </summary>
    public static string? SplitGroupKey(string path)
    {
        var match = ShardMarker().Match(path);
        return match.Success ? path.Remove(match.Index, match.Length) : null;
    }

    /// <summary>Files that make a GGUF quant usable on its own: the root README and licence texts.</summary>
    public static bool IsGgufCompanion(string path)
    {
        if (path.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        return path.StartsWith("README", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("LICENCE", StringComparison.OrdinalIgnoreCase);
    }

    private static Func<RepoFile, bool> Choose(IReadOnlyList<RepoFile> files, FilterSpec spec)
    {
        if (spec.Filters.Count == 0)
        {
            return _ => true;
        }

        var filters = spec.Filters.Select(f => FileSelectorPattern.Create(f, spec.ExactMatch)).ToArray();
        var matched = files.Where(f => filters.Any(p => p.IsMatch(f.Path))).Select(f => f.Path)
            .ToHashSet(StringComparer.Ordinal);
        var ggufGroups = matched.Where(IsGguf).Select(GroupKey).ToHashSet(StringComparer.Ordinal);
        if (ggufGroups.Count == 0)
        {
            return f => matched.Contains(f.Path);
        }

        // A filter naming one shard ("…-00001-of-00003.gguf") still needs the others to load the model.
        return f => IsGguf(f.Path)
            ? ggufGroups.Contains(GroupKey(f.Path))
            : matched.Contains(f.Path) || IsGgufCompanion(f.Path);
    }

    private static string GroupKey(string path) => SplitGroupKey(path) ?? path;

    [GeneratedRegex(@"-\d{5}-of-\d{5}(?=\.gguf$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShardMarker();
}
