using HFDesk.Core.Hub;
using HFDesk.Core.Planning;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Finds a <see cref="FilterSpec"/> that makes <see cref="FileSelector"/> take exactly a target set of files,
/// so a recommendation, once planned, fetches what the analysis promised and nothing more. Every answer is
/// checked by running the selector; shapes are tried from the most readable to the most literal.
/// </summary>
internal static class RecommendedDownloadEncoder
{
    public static FilterSpec Encode(
        IReadOnlyList<RepoFile> files,
        IReadOnlySet<string> target,
        IReadOnlyList<string> itemFilters,
        bool preferItemFilters)
    {
        if (files.All(f => target.Contains(f.Path)))
        {
            return FilterSpec.All;
        }

        // Attempts are built lazily: the literal fallback is quadratic in the tree size and rarely needed.
        foreach (var attempt in Attempts(files, target, itemFilters, preferItemFilters))
        {
            if (Yields(files, attempt, target))
            {
                return attempt;
            }
        }

        throw new InvalidOperationException("No filter set reproduces the recommended files.");
    }

    public static bool Yields(IReadOnlyList<RepoFile> files, FilterSpec spec, IReadOnlySet<string> target)
    {
        var selected = FileSelector.Select(files, spec);
        return selected.Count == target.Count && selected.All(f => target.Contains(f.Path));
    }

    private static IEnumerable<FilterSpec> Attempts(
        IReadOnlyList<RepoFile> files,
        IReadOnlySet<string> target,
        IReadOnlyList<string> itemFilters,
        bool preferItemFilters)
    {
        if (preferItemFilters && itemFilters.Count > 0)
        {
            // Substring first (shortest to read); exact match when "q6_k" would also take "Q6_K_L".
            yield return new FilterSpec(itemFilters);
            yield return new FilterSpec(itemFilters, exactMatch: true);
        }

        var inside = files.Where(f => target.Contains(f.Path)).ToList();
        var outside = files.Where(f => !target.Contains(f.Path)).ToList();
        var excludes = Cover(outside, inside);
        var filters = Cover(inside, outside);
        var covers = new[] { (Filters: false, Patterns: excludes), (Filters: true, Patterns: filters) }
            .Where(c => c.Patterns is not null)
            .OrderBy(c => c.Patterns!.Count);
        foreach (var (isFilters, patterns) in covers)
        {
            yield return isFilters ? new FilterSpec(patterns) : new FilterSpec(excludes: patterns);
        }

        // Last resort: every target path as a glob that can only match itself.
        var literals = inside.Select(f => LiteralGlob(f.Path, files)).ToList();
        if (literals.All(l => l is not null))
        {
            yield return new FilterSpec(literals);
        }
    }

    /// <summary>
    /// Greedy cover of <paramref name="cover"/> with substring/glob patterns that touch nothing in
    /// <paramref name="avoid"/>: extensions and folders first (few, readable), then names, then paths.
    /// Null when some file cannot be isolated that way.
    /// </summary>
    private static List<string>? Cover(List<RepoFile> cover, List<RepoFile> avoid)
    {
        var patterns = new List<string>();
        var left = cover.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

        // File names shared across folders ("model.safetensors", "config.json") make good patterns too, but
        // scoring every name is quadratic: skip them on trees the size of large datasets.
        var withNames = cover.Count + avoid.Count <= 2000;
        var broad = cover.SelectMany(f => BroadCandidates(f.Path, withNames)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => FileSelectorPattern.Create(c, exactMatch: false))
            .Where(c => !avoid.Any(a => c.IsMatch(a.Path)))
            .Select(c => (Pattern: c, Covers: cover.Where(f => c.IsMatch(f.Path)).Select(f => f.Path).ToList()))
            .ToList();
        while (left.Count > 0)
        {
            var best = broad
                .Select(c => (c.Pattern, c.Covers, Count: c.Covers.Count(left.Contains)))
                .Where(x => x.Count > 0)
                .OrderByDescending(x => x.Count)
                .ThenBy(x => x.Pattern.ToString().Length)
                .FirstOrDefault();
            if (best.Pattern is null)
            {
                break;
            }

            patterns.Add(best.Pattern.ToString());
            left.ExceptWith(best.Covers);
        }

        foreach (var path in left.Order(StringComparer.Ordinal).ToList())
        {
            if (!left.Contains(path))
            {
                continue;
            }

            var name = path[(path.LastIndexOf('/') + 1)..];
            var single = new[] { name, path }
                .Select(c => FileSelectorPattern.Create(c, exactMatch: false))
                .FirstOrDefault(c => !avoid.Any(a => c.IsMatch(a.Path)));
            if (single is null)
            {
                return null;
            }

            patterns.Add(single.ToString());
            left.RemoveWhere(single.IsMatch);
        }

        return patterns;
    }

    /// <summary>
    /// A glob that matches <paramref name="path"/> and no other file: globs are anchored, so one '?' in place of
    /// a character no other same-length path differs at turns the path into an exact pattern.
    /// </summary>
    private static string? LiteralGlob(string path, IReadOnlyList<RepoFile> files)
    {
        for (var i = path.Length - 1; i >= 0; i--)
        {
            if (path[i] is '/' or '*' or '?')
            {
                continue;
            }

            var glob = string.Concat(path.AsSpan(0, i), "?", path.AsSpan(i + 1));
            var pattern = FileSelectorPattern.Create(glob, exactMatch: false);
            if (files.All(f => f.Path == path || !pattern.IsMatch(f.Path)))
            {
                return glob;
            }
        }

        return null;
    }

    private static IEnumerable<string> BroadCandidates(string path, bool withName)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (withName && name.Length != path.Length)
        {
            yield return name;
        }

        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            yield return "*" + name[dot..];
        }

        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..(slash + 1)];
        }
    }
}
