using System.Diagnostics.CodeAnalysis;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Planning;

/// <summary>
/// Which files of a repository to take: <see cref="Filters"/> (none = all), <see cref="Excludes"/> (win over
/// filters) and <see cref="ExactMatch"/>. Lists are normalized (trimmed, '\' as '/', empty and duplicate
/// entries dropped) and compared as case-insensitive sets, so two requests asking for the same thing are equal.
/// </summary>
internal sealed record FilterSpec
{
    public FilterSpec(IEnumerable<string?>? filters = null, IEnumerable<string?>? excludes = null, bool exactMatch = false)
    {
        Filters = Normalize(filters);
        Excludes = Normalize(excludes);
        ExactMatch = exactMatch;
    }

    public static FilterSpec All { get; } = new();

    public IReadOnlyList<string> Filters { get; }

    public IReadOnlyList<string> Excludes { get; }

    public bool ExactMatch { get; }

    /// <summary>True when nothing is filtered out: every file of the revision is selected.</summary>
    public bool SelectsEverything => Filters.Count == 0 && Excludes.Count == 0;

    public FilterSpec WithFilters(IEnumerable<string?> additionalFilters) =>
        new(Filters.Concat(additionalFilters), Excludes, ExactMatch);

    public bool Equals(FilterSpec? other) =>
        other is not null
        && ExactMatch == other.ExactMatch
        && SameSet(Filters, other.Filters)
        && SameSet(Excludes, other.Excludes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ExactMatch);
        AddSet(ref hash, Filters);
        AddSet(ref hash, Excludes);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"filters=[{string.Join(',', Filters)}] excludes=[{string.Join(',', Excludes)}] exactMatch={(ExactMatch ? "true" : "false")}";

    /// <summary>Splits a comma-separated list as the CLI (<c>-F a,b</c>) and inline filters write it.</summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : Normalize(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Parses <c>owner/name</c> or <c>owner/name:f1,f2</c> (inline filters). The colon cannot be part of a
    /// valid repo id, so the first one separates the id from the filters.
    /// </summary>
    public static bool TryParseRepoArgument(
        string? value,
        out RepoId repo,
        out IReadOnlyList<string> inlineFilters,
        [NotNullWhen(false)] out string? error)
    {
        inlineFilters = [];
        repo = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "Repository id is required (owner/name)";
            return false;
        }

        var text = value.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            // "https" alone is a valid id without an owner: the colon must not turn a URL into repo + filters.
            error = $"'{value}' is a URL; give the repository id (owner/name, or name for a repo without an owner)";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var idPart = colon < 0 ? text : text[..colon];
        if (!RepoId.TryParse(idPart, out repo, out error))
        {
            return false;
        }

        if (colon >= 0)
        {
            inlineFilters = SplitList(text[(colon + 1)..]);
            if (inlineFilters.Count == 0)
            {
                error = $"'{value}' has a ':' but no filters after it (use owner/name:filter1,filter2)";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static string[] Normalize(IEnumerable<string?>? values)
    {
        if (values is null)
        {
            return [];
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var value in values)
        {
            var item = value?.Trim().Replace('\\', '/');
            if (!string.IsNullOrEmpty(item) && seen.Add(item))
            {
                result.Add(item);
            }
        }

        return [.. result];
    }

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);

    private static void AddSet(ref HashCode hash, IReadOnlyList<string> values)
    {
        // Order-insensitive: XOR of per-item hashes.
        var combined = 0;
        foreach (var value in values)
        {
            combined ^= StringComparer.OrdinalIgnoreCase.GetHashCode(value);
        }

        hash.Add(values.Count);
        hash.Add(combined);
    }
}
